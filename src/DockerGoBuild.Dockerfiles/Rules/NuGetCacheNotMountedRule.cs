using DockerGoBuild.Dockerfiles.Semantics;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>DGB020: a RUN fills the NuGet global packages folder without a BuildKit cache mount. Fix: add the mount.</summary>
internal sealed class NuGetCacheNotMountedRule : IDockerfileRule
{
    public RuleDescriptor Descriptor => Descriptors.NuGetCacheNotMounted;

    public void Analyze(AnalysisContext context)
    {
        var missingMounts = context.Cache.Missing;
        for (var i = 0; i < missingMounts.Count; i++)
        {
            var missing = missingMounts[i];
            if (missing.Kind == CacheKind.NuGetPackages)
            {
                context.Report(MissingCacheMountFinding.Create(context.Syntax, Descriptor, missing, "NuGet global packages folder", "id=nuget,"));
            }
        }
    }
}
