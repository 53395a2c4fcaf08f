using DockerGoBuild.Dockerfiles.Semantics;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>DGB010: a RUN fills the Go module cache (GOMODCACHE) without a BuildKit cache mount. Fix: add the mount.</summary>
internal sealed class GoModuleCacheNotMountedRule : IDockerfileRule
{
    public RuleDescriptor Descriptor => Descriptors.GoModuleCacheNotMounted;

    private readonly MissingCacheMountFinding _findings = new(Descriptors.GoModuleCacheNotMounted, "Go module cache (GOMODCACHE)", "");

    public void Analyze(AnalysisContext context)
    {
        foreach (ref readonly var missing in context.Cache.Missing)
        {
            if (missing.Kind == CacheKind.GoModules)
            {
                context.Report(_findings.Create(context.Syntax, in missing));
            }
        }
    }
}
