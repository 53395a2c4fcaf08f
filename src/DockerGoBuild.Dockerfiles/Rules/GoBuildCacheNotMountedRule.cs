using DockerGoBuild.Dockerfiles.Semantics;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>DGB011: a RUN fills the Go build cache (GOCACHE) without a BuildKit cache mount. Fix: add the mount.</summary>
internal sealed class GoBuildCacheNotMountedRule : IDockerfileRule
{
    public RuleDescriptor Descriptor => Descriptors.GoBuildCacheNotMounted;

    public void Analyze(AnalysisContext context)
    {
        foreach (var missing in context.Cache.Missing)
        {
            if (missing.Kind == CacheKind.GoBuild)
            {
                context.Report(MissingCacheMountFinding.Create(context.Syntax, Descriptor, missing, "Go build cache (GOCACHE)", ""));
            }
        }
    }
}
