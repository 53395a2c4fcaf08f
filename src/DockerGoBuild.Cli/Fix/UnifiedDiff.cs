using System.Text;

namespace DockerGoBuild.Cli.Fix;

/// <summary>
/// A unified diff of two texts by lines (Myers' algorithm), in the layout of <c>diff -u</c> and
/// <c>git diff</c>, with three lines of context. Line breaks are not shown; fixes never change them.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    public static string Create(string oldPath, string newPath, string oldText, string newText, Func<string, string>? redact = null)
    {
        redact ??= static line => line;
        var oldLines = SplitLines(oldText);
        var newLines = SplitLines(newText);
        var script = EditScript(oldLines, newLines);
        var builder = new StringBuilder();
        builder.Append("--- ").Append(oldPath).Append('\n');
        builder.Append("+++ ").Append(newPath).Append('\n');
        foreach (var hunk in Hunks(script))
        {
            WriteHunk(builder, script, hunk.Start, hunk.End, oldLines, newLines, redact);
        }

        return builder.ToString();
    }

    private enum Operation
    {
        Keep,
        Delete,
        Insert,
    }

    /// <summary>One step of the edit script: the operation and the line index in the old or new text.</summary>
    private readonly record struct Step(Operation Operation, int OldIndex, int NewIndex);

    private static string[] SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || text[i] == '\r')
            {
                lines.Add(text.Substring(start, i - start));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text.Substring(start));
        }

        return lines.ToArray();
    }

    /// <summary>Myers' O((N+M)D) shortest edit script, after stripping the common head and tail.</summary>
    private static List<Step> EditScript(string[] a, string[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
        {
            tail++;
        }

        var steps = new List<Step>();
        for (var i = 0; i < head; i++)
        {
            steps.Add(new Step(Operation.Keep, i, i));
        }

        MiddleScript(a, b, head, a.Length - tail, head, b.Length - tail, steps);
        for (var i = 0; i < tail; i++)
        {
            steps.Add(new Step(Operation.Keep, a.Length - tail + i, b.Length - tail + i));
        }

        return steps;
    }

    private static void MiddleScript(string[] a, string[] b, int aStart, int aEnd, int bStart, int bEnd, List<Step> steps)
    {
        var n = aEnd - aStart;
        var m = bEnd - bStart;
        var max = n + m;
        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        var found = max == 0;
        for (var d = 0; d <= max && !found; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[aStart + x] == b[bStart + y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = true;
                    break;
                }
            }
        }

        // Walk the trace back from (n, m) to (0, 0), collecting the steps in reverse.
        var reversed = new List<Step>();
        int cx = n, cy = m;
        for (var d = trace.Count - 1; d >= 0 && (cx > 0 || cy > 0); d--)
        {
            var before = trace[d];
            var k = cx - cy;
            var previousK = k == -d || (k != d && before[offset + k - 1] < before[offset + k + 1]) ? k + 1 : k - 1;
            var previousX = before[offset + previousK];
            var previousY = previousX - previousK;
            while (cx > previousX && cy > previousY)
            {
                cx--;
                cy--;
                reversed.Add(new Step(Operation.Keep, aStart + cx, bStart + cy));
            }

            if (d > 0)
            {
                if (cx == previousX)
                {
                    cy--;
                    reversed.Add(new Step(Operation.Insert, aStart + cx, bStart + cy));
                }
                else
                {
                    cx--;
                    reversed.Add(new Step(Operation.Delete, aStart + cx, bStart + cy));
                }
            }
        }

        reversed.Reverse();
        steps.AddRange(reversed);
    }

    /// <summary>Ranges of the script around changes, each widened by the context and merged when they touch.</summary>
    private static List<(int Start, int End)> Hunks(List<Step> script)
    {
        var hunks = new List<(int Start, int End)>();
        for (var i = 0; i < script.Count; i++)
        {
            if (script[i].Operation == Operation.Keep)
            {
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < script.Count && (script[end].Operation != Operation.Keep || NextChangeWithin(script, end, 2 * Context)))
            {
                end++;
            }

            end = Math.Min(script.Count, end + Context);
            hunks.Add((start, end));
            i = end - 1;
        }

        return hunks;
    }

    private static bool NextChangeWithin(List<Step> script, int index, int distance)
    {
        for (var i = index; i < script.Count && i <= index + distance; i++)
        {
            if (script[i].Operation != Operation.Keep)
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteHunk(StringBuilder builder, List<Step> script, int start, int end, string[] oldLines, string[] newLines, Func<string, string> redact)
    {
        var oldCount = 0;
        var newCount = 0;
        for (var i = start; i < end; i++)
        {
            oldCount += script[i].Operation != Operation.Insert ? 1 : 0;
            newCount += script[i].Operation != Operation.Delete ? 1 : 0;
        }

        var first = script[start];
        var oldStart = oldCount == 0 ? first.OldIndex : first.OldIndex + 1;
        var newStart = newCount == 0 ? first.NewIndex : first.NewIndex + 1;
        builder.Append($"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
        for (var i = start; i < end; i++)
        {
            var step = script[i];
            var line = step.Operation switch
            {
                Operation.Delete => "-" + redact(oldLines[step.OldIndex]),
                Operation.Insert => "+" + redact(newLines[step.NewIndex]),
                _ => " " + redact(oldLines[step.OldIndex]),
            };
            builder.Append(line).Append('\n');
        }
    }
}
