using System;
using System.Linq;
using System.Runtime.CompilerServices;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>A <c>--mount</c> of a RUN, read for the cache rules.</summary>
/// <remarks>
/// A value, in its RUN's array of mounts in the model, rather than an object of its own: nearly every RUN with a
/// flag mounts something, and a mount is only ever read.
/// </remarks>
internal readonly struct RunMount
{
    // Flags longer than this are read into a buffer of their own rather than the thread's.
    private const int MaxRetainedFlagLength = 1 << 12;

    // The characters of the flag being read: its options are read where they lie in them, so that only the values
    // the rules keep become strings (no option objects, no string of the flag).
    [ThreadStatic]
    private static char[]? flagChars;

    private RunMount(ArgumentFlag flag, string type, string? target, string? rawTarget, int targetOptionStart, string? id, string? env)
    {
        Env = env;
        Flag = flag;
        Type = type;
        Target = target;
        RawTarget = rawTarget;
        _targetOptionStart = targetOptionStart;
        Id = id;

        // Worked out now for a cache mount, as every cache mount's is asked for (see MeantFor).
        _meantFor = type == "cache" ? MeantForCode(rawTarget, id) : MeantForUnknown;
    }

    // Where the last target option starts in the flag's logical line, or -1 (see TargetOptionBounds).
    private readonly int _targetOptionStart;

    // MeantFor of a cache mount, worked out when it is read, in one byte: MeantForUnknown for the other mounts (whose
    // is worked out when asked), MeantForNone for null, else MeantForKinds + the kind.
    private const byte MeantForUnknown = 0;
    private const byte MeantForNone = 1;
    private const byte MeantForKinds = 2;
    private readonly byte _meantFor;

    private enum OptionKey
    {
        Other,
        Type,
        Target,
        Id,
        Env,
    }

    public ArgumentFlag Flag { get; }

    /// <summary>The mount type, lower-cased; bind when not given.</summary>
    public string Type { get; }

    public bool IsCache => Type == "cache";

    /// <summary>The target as written (quotes removed); null when there is none, or it has no value.</summary>
    public string? RawTarget { get; }

    /// <summary>The target expanded and resolved against WORKDIR; null when it refers to something unknown.</summary>
    public string? Target { get; }

    public string? Id { get; }

    /// <summary>A secret mount's <c>env=</c>: the variable the command reads the secret from; null when absent.</summary>
    public string? Env { get; }

    /// <summary>
    /// Reads the mounts of <paramref name="run"/> into the model's <paramref name="tables"/>: returns how many there
    /// are, from <paramref name="start"/> (see <see cref="ModelTables.TakeMounts"/>). A flag's options are its value's
    /// comma-separated fields (commas inside quotes do not separate), each <c>key=value</c> or a bare key; a key is
    /// compared trimmed of spaces and in any ASCII case, a value with its quotes removed; a later option wins over an
    /// earlier one of the same key.
    /// </summary>
    public static int Read(Instruction run, in StageState state, ModelTables tables, out int start)
    {
        // Most RUNs have no flags; the flags are read from the instruction once.
        var flags = run.FlagList;
        var count = 0;
        for (var i = 0; i < flags.Count; i++)
        {
            count += flags[i].Name == "mount" ? 1 : 0;
        }

        start = 0;
        if (count > 0)
        {
            Read(run, in flags, state, tables.TakeMounts(count, out start), start);
        }

        return count;
    }

    // Writes the mounts among the flags of a RUN into `mounts` from `from`. Not inlined: its many locals take a stack
    // frame that is cleared at each call, which the RUNs without a mount, most of them, do not pay.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Read(Instruction run, in ArgumentFlags flags, in StageState state, RunMount[] mounts, int from)
    {
        var at = from;
        for (var i = 0; i < flags.Count; i++)
        {
            var flag = flags[i];
            if (flag.Name != "mount")
            {
                continue;
            }

            var type = "bind";
            string? rawTarget = null;
            var targetOptionStart = -1;
            string? id = null;
            string? env = null;
            if (flag.ValueStart >= 0)
            {
                var chars = CopyFlag(run.Line, flag);
                var options = new OptionReader(chars, flag.ValueStart - flag.Start, flag.Length);
                while (options.TryNext(out var start, out var end, out var quoted))
                {
                    switch (KeyOf(chars, start, end, out var equals))
                    {
                        case OptionKey.Type:
                            type = equals < 0 ? string.Empty : TypeOf(chars, equals + 1, end);
                            break;
                        case OptionKey.Target:
                            rawTarget = equals < 0 ? null : ValueOf(chars, equals + 1, end, quoted);
                            targetOptionStart = flag.Start + start;
                            break;
                        case OptionKey.Id:
                            id = equals < 0 ? null : ValueOf(chars, equals + 1, end, quoted);
                            break;
                        case OptionKey.Env:
                            env = equals < 0 ? string.Empty : ValueOf(chars, equals + 1, end, quoted);
                            break;
                    }
                }

                if (chars.Length > MaxRetainedFlagLength)
                {
                    flagChars = null;
                }
            }

            string? target = null;
            if (rawTarget != null)
            {
                var expanded = VariableExpander.Expand(rawTarget, state.Escape, state, out var unknown);
                target = unknown ? null : state.IsWindows ? UnixPath.NormalizeWindows(expanded) : UnixPath.Resolve(expanded, UnixPath.WorkdirFor(expanded, state));
            }

            mounts[at++] = new RunMount(flag, type, target, rawTarget, targetOptionStart, id, env);
        }
    }

    /// <summary>
    /// Where the target option (the last one, as it is the one that counts) lies in the logical line of
    /// <paramref name="run"/>, the RUN this mount was read from: its start, the start of its value (-1: no value) and
    /// its end; false when the mount has no target option.
    /// </summary>
    public bool TryGetTargetOption(Instruction run, out int start, out int valueStart, out int end)
    {
        start = valueStart = end = -1;
        if (_targetOptionStart < 0)
        {
            return false;
        }

        var chars = CopyFlag(run.Line, Flag);
        var options = new OptionReader(chars, _targetOptionStart - Flag.Start, Flag.Length);
        options.TryNext(out var optionStart, out var optionEnd, out _);
        var equals = IndexOfEquals(chars, optionStart, optionEnd);
        start = Flag.Start + optionStart;
        valueStart = equals < 0 ? -1 : Flag.Start + equals + 1;
        end = Flag.Start + optionEnd;
        return true;
    }

    // The flag's characters, from its start, in the thread's buffer (or one of their own when they are many).
    private static char[] CopyFlag(LogicalLine line, ArgumentFlag flag)
    {
        var chars = flagChars;
        if (chars == null || chars.Length < flag.Length)
        {
            chars = new char[Math.Max(flag.Length, 256)];
            flagChars = chars;
        }

        line.CopyTo(flag.Start, chars, 0, flag.Length);
        return chars;
    }

    // Which key the option [start, end) has, and where its first '=' is (-1: none, and the key is the whole option;
    // not looked for in an option whose key is none of those read).
    // Inlined, as the tests of keys and the reader's next field: asked of every option of every mount.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static OptionKey KeyOf(char[] chars, int start, int end, out int equals)
    {
        equals = -1;
        var first = start;
        while (first < end && chars[first] == ' ')
        {
            first++;
        }

        // Most options are told by their first letter: a key that starts with an ASCII letter keeps it first,
        // lower-cased, whatever else its reading does.
        var lowered = first < end ? chars[first] | 0x20 : 0;
        if ((uint)(lowered - 'a') <= 'z' - 'a' && lowered is not ('t' or 'd' or 'i' or 'e'))
        {
            return OptionKey.Other;
        }

        equals = IndexOfEquals(chars, first, end);
        var last = equals < 0 ? end : equals;
        while (last > first && chars[last - 1] == ' ')
        {
            last--;
        }

        // Most keys read are one of them as written, in some ASCII case: told by their length and first letter.
        var length = last - first;
        var (candidate, key) = length switch
        {
            2 => ("id", OptionKey.Id),
            3 when lowered == 'd' => ("dst", OptionKey.Target),
            3 => ("env", OptionKey.Env),
            4 => ("type", OptionKey.Type),
            6 => ("target", OptionKey.Target),
            11 => ("destination", OptionKey.Target),
            _ => (null, OptionKey.Other),
        };

        return candidate != null && IsAsciiIgnoringCase(chars, first, candidate) ? key : KeyOf(chars, start, last);
    }

    // True when chars[start..] is the lower-case ASCII word, ASCII letters compared in either case (as BuildKit's keys are).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAsciiIgnoringCase(char[] chars, int start, string lower)
    {
        for (var i = 0; i < lower.Length; i++)
        {
            var c = chars[start + i];
            if (c != lower[i] && !(c >= 'A' && c <= 'Z' && c + 32 == lower[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOfEquals(char[] chars, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (chars[i] == '=')
            {
                return i;
            }
        }

        return -1;
    }

    // Which key the characters [start, end) are, when they are not one of those read as written. A key of ASCII
    // letters (and spaces around it, which do not count) is then another key; any other is made the string
    // BuildKit's reading makes of it: quotes removed, trimmed and lower-cased.
    private static OptionKey KeyOf(char[] chars, int start, int end)
    {
        var first = start;
        while (first < end && chars[first] == ' ')
        {
            first++;
        }

        for (var i = first; i < end; i++)
        {
            if ((uint)((chars[i] | 0x20) - 'a') > 'z' - 'a' && chars[i] != ' ')
            {
                return KeyOf(Unquote(chars, start, end).Trim().ToLowerInvariant());
            }
        }

        return OptionKey.Other;
    }

    private static OptionKey KeyOf(string key) => key switch
    {
        "type" => OptionKey.Type,
        "target" or "dst" or "destination" => OptionKey.Target,
        "id" => OptionKey.Id,
        "env" => OptionKey.Env,
        _ => OptionKey.Other,
    };

    // The value [start, end) without its quotes, as the thread's strings have it (see StringTable): RUNs mount the
    // same few caches and secrets, so that a large file's mounts share their values rather than each making its own.
    // `quoted` tells that its option has a quote.
    private static string ValueOf(char[] chars, int start, int end, bool quoted) =>
        quoted ? Unquote(chars, start, end) : StringTable.Get(new ReadOnlySpan<char>(chars, start, end - start));

    // The value [start, end) without its quotes, as the thread's strings have it.
    private static string Unquote(char[] chars, int start, int end)
    {
        var kept = start;
        for (var i = start; i < end; i++)
        {
            var c = chars[i];
            if (c != '"' && c != '\'')
            {
                chars[kept++] = c;
            }
        }

        // The quotes were dropped in place: the characters they leave are read no more.
        return StringTable.Get(new ReadOnlySpan<char>(chars, start, kept - start));
    }

    // A type value, lower-cased: the mount types are ASCII words, compared where they lie; other text keeps the general rule.
    private static string TypeOf(char[] chars, int start, int end)
    {
        foreach (var known in MountTypes)
        {
            if (Chars.Equal(chars, start, end - start, known))
            {
                return known;
            }
        }

        return Unquote(chars, start, end).ToLowerInvariant();
    }

    private static readonly string[] MountTypes = { "cache", "bind", "secret", "ssh", "tmpfs" };

    /// <summary>Which cache a mount is meant for, judged from its target (or, when that says nothing, its id).</summary>
    public CacheKind? MeantFor()
    {
        var code = _meantFor == MeantForUnknown ? MeantForCode(RawTarget, Id) : _meantFor;
        return code == MeantForNone ? null : (CacheKind)(code - MeantForKinds);
    }

    // MeantFor of a mount of that raw target and id, as _meantFor holds it.
    private static byte MeantForCode(string? rawTarget, string? id)
    {
        // Another tool's cache is meant for none: asked only of a mount whose target or id names a cache.
        var kind = Classify(rawTarget) ?? Classify(id);
        if (kind != null && (IsOtherToolsCache(rawTarget) || IsOtherToolsCache(id)))
        {
            kind = null;
        }

        return kind is { } known ? (byte)(MeantForKinds + (int)known) : MeantForNone;
    }

    // The names that tell a cache, looked for in the text's invariant lower case: any of the Go modules' names makes
    // the mount the module cache; else any of the build cache's the build cache; else "nuget" without any of the
    // names of NuGet's other caches the packages folder.
    private static CacheKind? Classify(string? text)
    {
        if (text == null)
        {
            return null;
        }

        // ASCII text is lower-cased a character at a time as it is read; other text as a whole, as lower-casing a
        // character outside ASCII can make an ASCII letter (the Kelvin sign makes a 'k'): the scan of the text as it
        // is stops at such a character, and the text's lower case is scanned instead.
        var kind = Classify(text, isLowerCase: false, out var isAscii);
        return isAscii ? kind : Classify(text.ToLowerInvariant(), isLowerCase: true, out _);
    }

    // Classify of `lower`, ASCII letters compared in either case; with isLowerCase false, false in isAscii (and null)
    // when the text has a character outside ASCII.
    private static CacheKind? Classify(string lower, bool isLowerCase, out bool isAscii)
    {
        isAscii = true;
        var modules = false;
        var build = false;
        var nuget = false;
        var otherNuGetCache = false;

        // One pass over the text: at each character, only the names that start with it are compared.
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            if (c >= 0x80 && !isLowerCase)
            {
                isAscii = false;
                return null;
            }

            switch (LowerAscii(c))
            {
                case 'g' when i + 1 < lower.Length && LowerAscii(lower[i + 1]) == 'o':
                    // The go names are "go", a '-' or not, and "mod", "build" or "cache": told from the letter after them.
                    var name = i + 2 < lower.Length && lower[i + 2] == '-' ? i + 3 : i + 2;
                    modules |= IsRestAt(lower, name, "mod");
                    build |= IsRestAt(lower, name, "build") || IsRestAt(lower, name, "cache");
                    break;
                case 'p':
                    modules |= IsAt(lower, i, "pkg/mod");
                    otherNuGetCache |= IsAt(lower, i, "plugins-cache");
                    break;
                case 'm':
                    modules |= IsAt(lower, i, "modcache");
                    break;
                case 'n':
                    nuget |= IsAt(lower, i, "nuget");
                    break;
                case 'h':
                    otherNuGetCache |= IsAt(lower, i, "http-cache");
                    break;
                case 'v':
                    otherNuGetCache |= IsAt(lower, i, "v3-cache");
                    break;
                case 's':
                    otherNuGetCache |= IsAt(lower, i, "scratch");
                    break;
            }
        }

        return modules ? CacheKind.GoModules
            : build ? CacheKind.GoBuild
            : nuget && !otherNuGetCache ? CacheKind.NuGetPackages
            : null;
    }

    // True when text[at..] is the lower-case ASCII name from its second letter on (the caller has compared the first),
    // ASCII letters compared in either case.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAt(string text, int at, string name)
    {
        if (at + name.Length > text.Length)
        {
            return false;
        }

        for (var k = 1; k < name.Length; k++)
        {
            if (LowerAscii(text[at + k]) != name[k])
            {
                return false;
            }
        }

        return true;
    }

    // True when text[at..] is the lower-case ASCII name, ASCII letters compared in either case.
    private static bool IsRestAt(string text, int at, string name) =>
        at < text.Length && LowerAscii(text[at]) == name[0] && IsAt(text, at, name);

    private static char LowerAscii(char c) => c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;

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

    // Inlined: it is asked of every character of a target.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    /// <summary>The options of a flag's value: its comma-separated fields, commas inside quotes not separating.</summary>
    /// <remarks>
    /// A field's comma and quotes are looked for together: a field without a quote is split at its comma as BuildKit
    /// splits a value without any (a field before the value's first quote is the same either way), so the value is not
    /// searched for quotes first.
    /// </remarks>
    private struct OptionReader
    {
        private readonly char[] _chars;
        private readonly int _end;
        private int _at;

        /// <summary>A reader of the fields of chars[<paramref name="from"/>, <paramref name="end"/>), from a field's start.</summary>
        public OptionReader(char[] chars, int from, int end)
        {
            _chars = chars;
            _at = from;
            _end = end;
        }

        /// <summary>The next field that is not empty: its start, its end, and whether it has a quote.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryNext(out int start, out int end, out bool quoted)
        {
            var chars = _chars;
            var last = _end;
            while (_at < last)
            {
                start = _at;
                quoted = false;
                var i = start;
                while (i < last)
                {
                    var next = chars.AsSpan(i, last - i).IndexOfAny(',', '"', '\'');
                    if (next < 0)
                    {
                        i = last;
                        break;
                    }

                    i += next;
                    if (chars[i] == ',')
                    {
                        break;
                    }

                    // Up to the closing quote (or the end), a comma is the field's.
                    quoted = true;
                    var close = i + 1 < last ? Array.IndexOf(chars, chars[i], i + 1, last - i - 1) : -1;
                    i = close < 0 ? last : close + 1;
                }

                _at = i + 1;
                if (i > start)
                {
                    end = i;
                    return true;
                }
            }

            start = end = -1;
            quoted = false;
            return false;
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

        public static bool IsAscii(string text)
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

/// <summary>The mounts of a RUN, where they lie in the model's tables (see <see cref="ModelTables.Mounts"/>).</summary>
internal readonly struct RunMountList
{
    private readonly RunMount[]? _mounts;
    private readonly int _start;

    public RunMountList(RunMount[] mounts, int start, int length)
    {
        _mounts = mounts;
        _start = start;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The mounts, read in place: a mount is a struct of several references, which a copy moves with write barriers.</summary>
    public ReadOnlySpan<RunMount> AsSpan() => new(_mounts, _start, Length);
}
