using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>A <c>--mount</c> of a RUN, read for the cache rules.</summary>
internal sealed class RunMount
{
    private RunMount(InstructionFlag flag, string type, string? rawTarget, string? target, FlagOption? targetOption, string? id)
    {
        Flag = flag;
        Type = type;
        RawTarget = rawTarget;
        Target = target;
        TargetOption = targetOption;
        Id = id;
    }

    public InstructionFlag Flag { get; }

    /// <summary>The mount type, lower-cased; bind when not given.</summary>
    public string Type { get; }

    public bool IsCache => Type == "cache";

    /// <summary>The target as written.</summary>
    public string? RawTarget { get; }

    /// <summary>The target expanded and resolved against WORKDIR; null when it refers to something unknown.</summary>
    public string? Target { get; }

    public FlagOption? TargetOption { get; }

    public string? Id { get; }

    public static List<RunMount> Read(Instruction run, StageState state)
    {
        var mounts = new List<RunMount>();
        foreach (var flag in run.Flags)
        {
            if (flag.Name != "mount")
            {
                continue;
            }

            var type = "bind";
            string? rawTarget = null;
            FlagOption? targetOption = null;
            string? id = null;
            foreach (var option in flag.Options)
            {
                switch (option.Key)
                {
                    case "type":
                        type = (option.Value ?? string.Empty).ToLowerInvariant();
                        break;
                    case "target":
                    case "dst":
                    case "destination":
                        rawTarget = option.Value;
                        targetOption = option;
                        break;
                    case "id":
                        id = option.Value;
                        break;
                }
            }

            string? target = null;
            if (rawTarget != null)
            {
                var expanded = VariableExpander.Expand(rawTarget, state.Escape, state.LookupBuildVariable, out var unknown);
                target = unknown ? null : state.IsWindows ? UnixPath.NormalizeWindows(expanded) : UnixPath.Resolve(expanded, state.Workdir);
            }

            mounts.Add(new RunMount(flag, type, rawTarget, target, targetOption, id));
        }

        return mounts;
    }

    /// <summary>Which cache a mount is meant for, judged from its target (or, when that says nothing, its id).</summary>
    public CacheKind? MeantFor()
    {
        if (IsOtherToolsCache(RawTarget) || IsOtherToolsCache(Id))
        {
            return null;
        }

        return Classify(RawTarget) ?? Classify(Id);
    }

    private static CacheKind? Classify(string? text)
    {
        if (text == null)
        {
            return null;
        }

        var lower = text.ToLowerInvariant();
        if (lower.Contains("pkg/mod") || lower.Contains("gomodcache") || lower.Contains("gomod") || lower.Contains("go-mod") || lower.Contains("modcache"))
        {
            return CacheKind.GoModules;
        }

        if (lower.Contains("go-build") || lower.Contains("gobuild") || lower.Contains("gocache") || lower.Contains("go-cache"))
        {
            return CacheKind.GoBuild;
        }

        if (lower.Contains("nuget") && !lower.Contains("http-cache") && !lower.Contains("v3-cache") && !lower.Contains("plugins-cache") && !lower.Contains("scratch"))
        {
            return CacheKind.NuGetPackages;
        }

        return null;
    }

    private static readonly string[] OtherTools =
    {
        "apt", "apk", "yum", "dnf", "zypp", "npm", "cargo", "rustup", "pip", "uv", "yarn", "pnpm", "gradle", "maven", ".m2",
        "golangci", "ccache", "sccache", "bun", "composer", "gem", "bundle", "conda", "poetry", "deno", "node_modules",
    };

    /// <summary>Recognisably another tool's cache (apt, npm, pip, golangci-lint, ...).</summary>
    public static bool IsOtherToolsCache(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var lower = text!.ToLowerInvariant();
        foreach (var segment in lower.Split('/', ',', '-', '_', '.'))
        {
            foreach (var tool in OtherTools)
            {
                if (segment == tool.TrimStart('.') || (tool.Length > 3 && segment.StartsWith(tool, StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
