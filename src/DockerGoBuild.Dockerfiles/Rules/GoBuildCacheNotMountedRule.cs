using DockerGoBuild.Dockerfiles.Semantics;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>DGB011: a RUN fills the Go build cache (GOCACHE) without a BuildKit cache mount. Fix: add the mount.</summary>
internal sealed class GoBuildCacheNotMountedRule : IDockerfileRule
{
    public RuleDescriptor Descriptor => Descriptors.GoBuildCacheNotMounted;

    private readonly MissingCacheMountFinding _findings = new(Descriptors.GoBuildCacheNotMounted, "Go build cache (GOCACHE)", "");

    public void Analyze(AnalysisContext context)
    {
        foreach (ref readonly var missing in context.Cache.Missing)
        {
            if (missing.Kind == CacheKind.GoBuild)
            {
                context.Report(_findings.Create(context.Syntax, in missing));
            }
        }
    }
}
