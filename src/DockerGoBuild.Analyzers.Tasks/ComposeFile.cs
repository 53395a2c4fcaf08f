using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DockerGoBuild.Analyzers.Tasks;

/// <summary>
/// Finds the Dockerfiles that a Compose file's services build (<c>services.*.build</c>), without a YAML library:
/// the package must not bring dependencies, and only the plain block and flow forms of <c>build</c> matter here.
/// Anything it does not understand (anchors, aliases, interpolated or remote contexts) is skipped, never guessed.
/// </summary>
internal static class ComposeFile
{
    /// <summary>
    /// <c>docker-compose*.yml</c>/<c>.yaml</c> and <c>compose*.yml</c>/<c>.yaml</c> in any case: the names Compose
    /// looks for by default plus the override and per-environment files people keep next to them.
    /// </summary>
    public static bool IsComposeFileName(string fileName)
    {
        var name = Path.GetFileName(fileName);
        var hasYamlExtension = name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
        return hasYamlExtension
            && (name.StartsWith("docker-compose", StringComparison.OrdinalIgnoreCase) || name.StartsWith("compose", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The full path of each service's Dockerfile: <c>dockerfile</c> (default <c>Dockerfile</c>) resolved against
    /// <c>context</c> (default the compose file's folder), which is resolved against <paramref name="composeDirectory"/>.
    /// Whether the files exist is the caller's business.
    /// </summary>
    public static IReadOnlyList<string> DockerfilePaths(string text, string composeDirectory)
    {
        var lines = ReadLines(text);
        var result = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Indent == 0 && lines[i].Key == "services" && lines[i].Value.Length == 0)
            {
                foreach (var service in Children(lines, i))
                {
                    foreach (var property in Children(lines, service))
                    {
                        if (lines[property].Key == "build" && ResolveBuild(lines, property, composeDirectory) is { } path)
                        {
                            result.Add(path);
                        }
                    }
                }
            }
        }

        return result;
    }

    private static string? ResolveBuild(List<YamlLine> lines, int buildLine, string composeDirectory)
    {
        string? context = null;
        string? dockerfile = null;
        var value = lines[buildLine].Value;
        if (value.Length > 0)
        {
            if (value[0] == '{')
            {
                if (!TryReadFlowMapping(value, out var mapping))
                {
                    return null;
                }

                if (mapping.ContainsKey("dockerfile_inline"))
                {
                    return null;
                }

                mapping.TryGetValue("context", out context);
                mapping.TryGetValue("dockerfile", out dockerfile);
            }
            else if (value[0] is '&' or '*' or '|' or '>' or '[')
            {
                // An anchor, an alias, a block scalar or a sequence: not a build this reader can follow.
                return null;
            }
            else
            {
                // The short form: build: ./dir is the context, with its Dockerfile.
                context = Unquote(value);
            }
        }
        else
        {
            foreach (var child in Children(lines, buildLine))
            {
                if (lines[child].Key == "context")
                {
                    context = Unquote(lines[child].Value);
                }
                else if (lines[child].Key == "dockerfile")
                {
                    dockerfile = Unquote(lines[child].Value);
                }
                else if (lines[child].Key == "dockerfile_inline")
                {
                    // The Dockerfile is the compose file's own text: there is no file to analyse.
                    return null;
                }
            }
        }

        return Resolve(composeDirectory, context, dockerfile);
    }

    private static string? Resolve(string composeDirectory, string? context, string? dockerfile)
    {
        context = string.IsNullOrEmpty(context) ? "." : context;
        dockerfile = string.IsNullOrEmpty(dockerfile) ? "Dockerfile" : dockerfile;

        // ${VAR} needs the environment Compose runs in; a URL or git context is not on this disk.
        if (context!.IndexOf('$') >= 0 || dockerfile!.IndexOf('$') >= 0 || context.IndexOf("://", StringComparison.Ordinal) >= 0
            || context.StartsWith("git@", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var contextDirectory = Path.Combine(composeDirectory, context);
            return Path.GetFullPath(Path.Combine(contextDirectory, dockerfile));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>The indices of the lines that are direct children (keys one level deeper) of the line at <paramref name="parent"/>.</summary>
    private static IEnumerable<int> Children(List<YamlLine> lines, int parent)
    {
        var parentIndent = lines[parent].Indent;
        var childIndent = -1;
        for (var i = parent + 1; i < lines.Count && lines[i].Indent > parentIndent; i++)
        {
            if (childIndent < 0)
            {
                childIndent = lines[i].Indent;
            }

            if (lines[i].Indent == childIndent && lines[i].Key is not null)
            {
                yield return i;
            }
        }
    }

    private static List<YamlLine> ReadLines(string text)
    {
        var lines = new List<YamlLine>();
        var blockScalarIndent = -1;
        foreach (var rawLine in text.Replace("\r\n", "\n").Split('\n'))
        {
            var indent = 0;
            while (indent < rawLine.Length && rawLine[indent] == ' ')
            {
                indent++;
            }

            var content = StripComment(rawLine.Substring(indent)).TrimEnd();
            if (content.Length == 0)
            {
                continue;
            }

            // The lines of a block scalar (key: | or key: >) are text, not keys.
            if (blockScalarIndent >= 0)
            {
                if (indent > blockScalarIndent)
                {
                    continue;
                }

                blockScalarIndent = -1;
            }

            if (indent == 0 && (content == "---" || content == "..."))
            {
                continue;
            }

            var line = ParseKey(indent, content);
            if (line.Key is not null && line.Value.Length > 0 && (line.Value[0] == '|' || line.Value[0] == '>'))
            {
                blockScalarIndent = indent;
            }

            lines.Add(line);
        }

        return lines;
    }

    private static YamlLine ParseKey(int indent, string content)
    {
        if (content.StartsWith("- ", StringComparison.Ordinal) || content == "-")
        {
            return new YamlLine(indent, null, string.Empty);
        }

        var colon = FindUnquoted(content, ':', requireSpaceAfter: true);
        if (colon < 0)
        {
            return new YamlLine(indent, null, string.Empty);
        }

        return new YamlLine(indent, Unquote(content.Substring(0, colon).Trim()), content.Substring(colon + 1).Trim());
    }

    /// <summary>A <c>#</c> starts a comment at the start of the content or after a space, outside quotes.</summary>
    private static string StripComment(string content)
    {
        var hash = FindUnquoted(content, static (text, i) => text[i] == '#' && (i == 0 || text[i - 1] is ' ' or '\t'));
        return hash < 0 ? content : content.Substring(0, hash);
    }

    /// <summary>
    /// The index of <paramref name="target"/> outside quotes; with <paramref name="requireSpaceAfter"/>, only where a
    /// space or the end follows (a mapping colon, unlike the one in <c>image: repo:tag</c>'s value or a URL).
    /// </summary>
    private static int FindUnquoted(string text, char target, bool requireSpaceAfter) =>
        FindUnquoted(text, (line, i) => line[i] == target && (!requireSpaceAfter || i + 1 == line.Length || line[i + 1] is ' ' or '\t'));

    /// <summary>The first index outside single or double quotes where <paramref name="isMatch"/> holds, or -1.</summary>
    private static int FindUnquoted(string text, Func<string, int, bool> isMatch)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"')
                {
                    i++;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (isMatch(text, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryReadFlowMapping(string value, out Dictionary<string, string> mapping)
    {
        mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var end = value.LastIndexOf('}');
        if (end < 0)
        {
            // A flow mapping spread over several lines: not followed.
            return false;
        }

        var body = value.Substring(1, end - 1);
        while (body.Length > 0)
        {
            var comma = FindUnquoted(body, ',', requireSpaceAfter: false);
            var entry = comma < 0 ? body : body.Substring(0, comma);
            body = comma < 0 ? string.Empty : body.Substring(comma + 1);
            var colon = FindUnquoted(entry, ':', requireSpaceAfter: true);
            if (colon > 0)
            {
                mapping[Unquote(entry.Substring(0, colon).Trim())] = Unquote(entry.Substring(colon + 1).Trim());
            }
        }

        return true;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[value.Length - 1] == '\'')
        {
            return value.Substring(1, value.Length - 2).Replace("''", "'");
        }

        if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"')
        {
            var builder = new StringBuilder(value.Length);
            for (var i = 1; i < value.Length - 1; i++)
            {
                if (value[i] == '\\' && i + 1 < value.Length - 1)
                {
                    i++;
                }

                builder.Append(value[i]);
            }

            return builder.ToString();
        }

        return value;
    }

    private readonly struct YamlLine
    {
        public YamlLine(int indent, string? key, string value)
        {
            Indent = indent;
            Key = key;
            Value = value;
        }

        public int Indent { get; }

        /// <summary>The mapping key, or null for a sequence item or a line that is not a key.</summary>
        public string? Key { get; }

        /// <summary>What follows the key's colon, trimmed, without its comment; empty when the value is a nested block.</summary>
        public string Value { get; }
    }
}
