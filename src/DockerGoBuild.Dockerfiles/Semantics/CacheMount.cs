using System;
using System.Linq;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>A <c>--mount</c> of a RUN, read for the cache rules.</summary>
internal sealed class RunMount
{
    private RunMount(InstructionFlag flag, string type, string? target, FlagOption? targetOption, string? id, string? env)
    {
        Env = env;
        Flag = flag;
        Type = type;
        Target = target;
        TargetOption = targetOption;
        Id = id;
    }

    // MeantFor, worked out once as several rules ask, in one byte (a RUN's every mount is an object of the model):
    // MeantForUnknown until then, MeantForNone for null, else MeantForKinds + the kind.
    private const byte MeantForUnknown = 0;
    private const byte MeantForNone = 1;
    private const byte MeantForKinds = 2;
    private byte _meantFor;

    public InstructionFlag Flag { get; }

    /// <summary>The mount type, lower-cased; bind when not given.</summary>
    public string Type { get; }

    public bool IsCache => Type == "cache";

    /// <summary>The target as written.</summary>
    public string? RawTarget => TargetOption?.Value;

    /// <summary>The target expanded and resolved against WORKDIR; null when it refers to something unknown.</summary>
    public string? Target { get; }

    public FlagOption? TargetOption { get; }

    public string? Id { get; }

    /// <summary>A secret mount's <c>env=</c>: the variable the command reads the secret from; null when absent.</summary>
    public string? Env { get; }

    public static RunMount[] Read(Instruction run, in StageState state)
    {
        var count = 0;
        foreach (var flag in run.FlagList)
        {
            count += flag.Name == "mount" ? 1 : 0;
        }

        if (count == 0)
        {
            return Array.Empty<RunMount>();
        }

        var mounts = new RunMount[count];
        var at = 0;
        foreach (var flag in run.FlagList)
        {
            if (flag.Name != "mount")
            {
                continue;
            }

            var type = "bind";
            string? rawTarget = null;
            FlagOption? targetOption = null;
            string? id = null;
            string? env = null;
            var options = flag.Options;
            for (var i = 0; i < options.Count; i++)
            {
                var option = options[i];
                switch (option.Key)
                {
                    case "type":
                        type = LowerCase(option.Value ?? string.Empty);
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
                    case "env":
                        env = option.Value ?? string.Empty;
                        break;
                }
            }

            string? target = null;
            if (rawTarget != null)
            {
                var expanded = VariableExpander.Expand(rawTarget, state.Escape, state, out var unknown);
                target = unknown ? null : state.IsWindows ? UnixPath.NormalizeWindows(expanded) : UnixPath.Resolve(expanded, state.Workdir);
            }

            mounts[at++] = new RunMount(flag, type, target, targetOption, id, env);
        }

        return mounts;
    }

    /// <summary>Which cache a mount is meant for, judged from its target (or, when that says nothing, its id).</summary>
    public CacheKind? MeantFor()
    {
        if (_meantFor == MeantForUnknown)
        {
            var rawTarget = RawTarget;
            var kind = IsOtherToolsCache(rawTarget) || IsOtherToolsCache(Id) ? null : Classify(rawTarget) ?? Classify(Id);
            _meantFor = kind is { } known ? (byte)(MeantForKinds + (int)known) : MeantForNone;
        }

        return _meantFor == MeantForNone ? null : (CacheKind)(_meantFor - MeantForKinds);
    }

    private static CacheKind? Classify(string? text)
    {
        if (text == null)
        {
            return null;
        }

        var lower = new LowerCaseText(text);
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

    // OtherTools by the first letter of their name (the name after a leading '.', which a segment never starts with
    // as '.' separates segments): a segment is compared only with the tools whose name starts as it does.
    private static readonly string[]?[] OtherToolsByFirstLetter = OtherTools.Aggregate(new string[]?[128], (table, tool) =>
    {
        var first = tool[tool[0] == '.' ? 1 : 0];
        table[first] = (table[first] ?? Array.Empty<string>()).Append(tool).ToArray();
        return table;
    });

    /// <summary>Recognisably another tool's cache (apt, npm, pip, golangci-lint, ...).</summary>
    public static bool IsOtherToolsCache(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var lower = new LowerCaseText(text!);
        var start = 0;
        for (var end = 0; end <= text!.Length; end++)
        {
            if (end < text.Length && !IsSegmentSeparator(text[end]))
            {
                continue;
            }

            if (start < end && IsOtherToolsSegment(lower, start, end))
            {
                return true;
            }

            start = end + 1;
        }

        return false;
    }

    private static bool IsSegmentSeparator(char c) => c is '/' or ',' or '-' or '_' or '.';

    // The segment [start, end) is a tool's name or, for names longer than three letters, starts with one.
    private static bool IsOtherToolsSegment(LowerCaseText lower, int start, int end)
    {
        var first = lower.CharAt(start);
        if (first >= OtherToolsByFirstLetter.Length || OtherToolsByFirstLetter[first] is not { } tools)
        {
            return false;
        }

        foreach (var tool in tools)
        {
            var name = tool[0] == '.' ? 1 : 0;
            if (lower.SegmentIs(start, end, tool, name) || (tool.Length > 3 && lower.SegmentStartsWith(start, end, tool)))
            {
                return true;
            }
        }

        return false;
    }

    // Mount types are ASCII words; other text keeps the general rule.
    private static string LowerCase(string text)
    {
        switch (text)
        {
            case "cache":
            case "bind":
            case "secret":
            case "ssh":
            case "tmpfs":
                return text;
            default:
                return text.ToLowerInvariant();
        }
    }

    /// <summary>
    /// A text compared as its invariant lower case, without making that string when the text is ASCII
    /// (where lower-casing is per character and cannot create the ASCII letters it is compared with).
    /// </summary>
    private readonly struct LowerCaseText
    {
        private readonly string _text;
        private readonly StringComparison _comparison;

        public LowerCaseText(string text)
        {
            // Lower-casing keeps the length, so offsets found in the text hold in its lower case too.
            var ascii = IsAscii(text);
            _text = ascii ? text : text.ToLowerInvariant();
            _comparison = ascii ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        }

        /// <summary>The character at <paramref name="index"/>, lower-cased as the comparisons see it.</summary>
        public char CharAt(int index)
        {
            var c = _text[index];
            return _comparison == StringComparison.OrdinalIgnoreCase && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }

        /// <summary>Contains <paramref name="lower"/> (lower-case ASCII).</summary>
        public bool Contains(string lower) =>
            (_comparison == StringComparison.OrdinalIgnoreCase ? Chars.IndexOfIgnoringCase(_text, lower) : _text.IndexOf(lower, StringComparison.Ordinal)) >= 0;

        /// <summary>The segment [start, end) equals <paramref name="lower"/> from index <paramref name="from"/> on.</summary>
        public bool SegmentIs(int start, int end, string lower, int from) =>
            end - start == lower.Length - from && IsAt(start, lower, from);

        public bool SegmentStartsWith(int start, int end, string lower) =>
            end - start >= lower.Length && IsAt(start, lower, 0);

        // The text at start is lower[from...], compared a character at a time as CharAt lower-cases it: the names
        // compared are a few characters long, shorter than a general comparison takes to set up.
        private bool IsAt(int start, string lower, int from)
        {
            for (var k = from; k < lower.Length; k++)
            {
                if (CharAt(start + k - from) != lower[k])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAscii(string text)
        {
            foreach (var c in text)
            {
                if (c >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
