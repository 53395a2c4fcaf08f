using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>The descriptors of all rules, kept together (the Roslyn adapter and the CLI both read them from here).</summary>
public static class Descriptors
{
    public static readonly RuleDescriptor SyntaxError = new(
        RuleIds.SyntaxError,
        "DockerfileSyntaxError",
        "Dockerfile cannot be parsed",
        "{0}",
        RuleSeverity.Warning,
        hasFix: false,
        "BuildKit would reject this Dockerfile; the other rules skip what they cannot read.");

    public static readonly RuleDescriptor MissingSyntaxDirective = new(
        RuleIds.MissingSyntaxDirective,
        "MissingSyntaxDirective",
        "Dockerfile has no '# syntax' directive",
        "The Dockerfile has no '# syntax=' directive; add '# syntax=docker/dockerfile:1' as its first line so BuildKit uses the current Dockerfile frontend (cache and secret mounts, heredocs)",
        RuleSeverity.Warning,
        hasFix: true,
        "Without a syntax directive the build uses whatever frontend the builder bundles, which may lack RUN --mount and heredoc support.");

    public static readonly RuleDescriptor IneffectiveParserDirective = new(
        RuleIds.IneffectiveParserDirective,
        "IneffectiveParserDirective",
        "Parser directive is ignored or rejected",
        "The '{0}' directive {1}",
        RuleSeverity.Warning,
        hasFix: true,
        "Parser directives only count in the comment block at the very top of the file, once each, with a known key.");

    public static readonly RuleDescriptor GoModuleCacheNotMounted = new(
        RuleIds.GoModuleCacheNotMounted,
        "GoModuleCacheNotMounted",
        "Go module cache is not mounted",
        "'{0}' fills the Go module cache (GOMODCACHE) at {1} without a cache mount; add '--mount=type=cache,target={1}' to the RUN",
        RuleSeverity.Warning,
        hasFix: true,
        "Every cold build downloads all modules again; a BuildKit cache mount keeps them across builds.");

    public static readonly RuleDescriptor GoBuildCacheNotMounted = new(
        RuleIds.GoBuildCacheNotMounted,
        "GoBuildCacheNotMounted",
        "Go build cache is not mounted",
        "'{0}' fills the Go build cache (GOCACHE) at {1} without a cache mount; add '--mount=type=cache,target={1}' to the RUN",
        RuleSeverity.Warning,
        hasFix: true,
        "Every build recompiles every package; a BuildKit cache mount on GOCACHE keeps compiled packages across builds.");

    public static readonly RuleDescriptor CacheMountTargetMismatch = new(
        RuleIds.CacheMountTargetMismatch,
        "CacheMountTargetMismatch",
        "Cache mount misses the cache it is meant for",
        "This cache mount targets {0}, but the {1} is {2}, so the cache never hits; mount {2} instead",
        RuleSeverity.Warning,
        hasFix: true,
        "A cache mount that does not cover the tool's real cache folder costs a mount and saves nothing.");

    public static readonly RuleDescriptor NuGetCacheNotMounted = new(
        RuleIds.NuGetCacheNotMounted,
        "NuGetCacheNotMounted",
        "NuGet package cache is not mounted",
        "'{0}' fills the NuGet global packages folder at {1} without a cache mount; add '--mount=type=cache,id=nuget,target={1}' to the RUN",
        RuleSeverity.Warning,
        hasFix: true,
        "Every cold build downloads all NuGet packages again; a BuildKit cache mount keeps the global packages folder across builds.");

    public static readonly RuleDescriptor SecretFileCopied = new(
        RuleIds.SecretFileCopied,
        "SecretFileCopied",
        "Credential file copied into the image",
        "'{0}' copies a credential file ({1}) into an image layer; mount it only where it is used with {2} and build with '{3}'",
        RuleSeverity.Warning,
        hasFix: true,
        "Files copied into a layer stay in the image history even when a later step deletes them.");

    public static readonly RuleDescriptor SecretInArgOrEnv = new(
        RuleIds.SecretInArgOrEnv,
        "SecretInArgOrEnv",
        "Secret passed through ARG or ENV",
        "{0} '{1}' {2}; build arguments and environment variables are stored in the image, pass it with a secret mount instead",
        RuleSeverity.Warning,
        hasFix: true,
        "ARG values are recorded in the image history and ENV values in the image config: anyone who can pull the image can read them.");

    public static readonly RuleDescriptor SshKeyMountedAsSecret = new(
        RuleIds.SshKeyMountedAsSecret,
        "SshKeyMountedAsSecret",
        "SSH private key mounted as a secret",
        "This secret mount hands an SSH private key to the build; use '--mount=type=ssh' (agent forwarding) and build with '--ssh default'",
        RuleSeverity.Warning,
        hasFix: true,
        "A key mounted as a file can be copied by any command in the RUN; SSH agent forwarding never exposes the key itself.");

    public static IReadOnlyList<RuleDescriptor> All { get; } = new[]
    {
        SyntaxError,
        MissingSyntaxDirective,
        IneffectiveParserDirective,
        GoModuleCacheNotMounted,
        GoBuildCacheNotMounted,
        CacheMountTargetMismatch,
        NuGetCacheNotMounted,
        SecretFileCopied,
        SecretInArgOrEnv,
        SshKeyMountedAsSecret,
    };
}
