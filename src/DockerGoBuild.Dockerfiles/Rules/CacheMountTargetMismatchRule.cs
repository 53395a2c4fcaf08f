using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Semantics;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>DGB012: a cache mount meant for Go or NuGet whose target is not the cache's real path. Fix: rewrite the target.</summary>
internal sealed class CacheMountTargetMismatchRule : IDockerfileRule
{
    public RuleDescriptor Descriptor => Descriptors.CacheMountTargetMismatch;

    public void Analyze(AnalysisContext context)
    {
        foreach (ref readonly var mistargeted in context.Cache.Mistargeted)
        {
            var mount = mistargeted.Mount;
            var cacheName = mistargeted.Kind switch
            {
                CacheKind.GoModules => "Go module cache (GOMODCACHE)",
                CacheKind.GoBuild => "Go build cache (GOCACHE)",
                _ => "NuGet global packages folder",
            };
            var message = $"This cache mount targets {mount.RawTarget}, but the {cacheName} is {mistargeted.ExpectedPath}, so the cache never hits; mount {mistargeted.ExpectedPath} instead";
            var run = mistargeted.Run.Effective;
            // A mistargeted mount has a target, so a target option with a value.
            mount.TryGetTargetOption(run, out var optionStart, out var valueStart, out var optionEnd);
            var valueSpan = run.ToSource(valueStart, optionEnd);
            var span = run.ToSource(optionStart, optionEnd);
            context.Report(MountInsertion.IsPlainValue(mistargeted.ExpectedPath)
                ? Finding.WithOneEdit(Descriptor, span, message, mistargeted.Run.StartLine, valueSpan, mistargeted.ExpectedPath, "Target " + mistargeted.ExpectedPath)
                : new Finding(Descriptor, span, message, mistargeted.Run.StartLine));
        }
    }
}
