using DockerGoBuild.Dockerfiles.Semantics;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>DGB020: a RUN fills the NuGet global packages folder without a BuildKit cache mount. Fix: add the mount.</summary>
internal sealed class NuGetCacheNotMountedRule : IDockerfileRule
{
    public RuleDescriptor Descriptor => Descriptors.NuGetCacheNotMounted;

    public void Analyze(AnalysisContext context)
    {
        foreach (var missing in context.Cache.Missing)
        {
            if (missing.Kind == CacheKind.NuGetPackages)
            {
                context.Report(MissingCacheMountFinding.Create(context.Syntax, Descriptor, missing, "NuGet global packages folder", "id=nuget,"));
            }
        }
    }
}
