using DockerGoBuild.Dockerfiles.Semantics;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>DGB020: a RUN fills the NuGet global packages folder without a BuildKit cache mount. Fix: add the mount.</summary>
internal sealed class NuGetCacheNotMountedRule : IDockerfileRule
{
    public RuleDescriptor Descriptor => Descriptors.NuGetCacheNotMounted;

    private readonly MissingCacheMountFinding _findings = new(Descriptors.NuGetCacheNotMounted, "NuGet global packages folder", "id=nuget,");

    public void Analyze(AnalysisContext context)
    {
        foreach (ref readonly var missing in context.Cache.Missing)
        {
            if (missing.Kind == CacheKind.NuGetPackages)
            {
                context.Report(_findings.Create(context.Syntax, in missing));
            }
        }
    }
}
