using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Fixes;

/// <summary>
/// The edits a fix pass has taken so far, kept in source order so that checking a new edit against them
/// costs a few binary searches instead of a scan of every edit: a file with thousands of fixable findings
/// (say a generated file of many RUNs) must not make fixing quadratic. Inserts and rewrites are kept apart:
/// rewrites that were taken never overlap, so only a new edit's neighbours can collide with it.
/// </summary>
internal sealed class EditIndex
{
    private readonly List<TextEdit> _inserts = new();
    private readonly List<TextEdit> _rewrites = new();

    public enum Fit
    {
        Fits,
        Duplicate,
        Collides,
    }

    /// <summary>
    /// How <paramref name="edit"/> fits with the taken edits: the same edit again, a collision (overlapping
    /// rewrites, or an insert strictly inside a rewrite), or neither. Inserts at one position never collide.
    /// </summary>
    public Fit Test(TextEdit edit)
    {
        var span = edit.Span;
        if (span.IsEmpty)
        {
            for (var i = FirstAtOrAfter(_inserts, span.Start); i < _inserts.Count && _inserts[i].Span.Start == span.Start; i++)
            {
                if (_inserts[i].NewText == edit.NewText)
                {
                    return Fit.Duplicate;
                }
            }

            var before = FirstAtOrAfter(_rewrites, span.Start) - 1;
            return before >= 0 && _rewrites[before].Span.End > span.Start ? Fit.Collides : Fit.Fits;
        }

        var next = FirstAtOrAfter(_rewrites, span.Start);
        if (next < _rewrites.Count && _rewrites[next].Span == span && _rewrites[next].NewText == edit.NewText)
        {
            return Fit.Duplicate;
        }

        if ((next > 0 && _rewrites[next - 1].Span.End > span.Start) || (next < _rewrites.Count && _rewrites[next].Span.Start < span.End))
        {
            return Fit.Collides;
        }

        var insert = FirstAtOrAfter(_inserts, span.Start + 1);
        return insert < _inserts.Count && _inserts[insert].Span.Start < span.End ? Fit.Collides : Fit.Fits;
    }

    public void Add(TextEdit edit)
    {
        var list = edit.Span.IsEmpty ? _inserts : _rewrites;
        list.Insert(FirstAtOrAfter(list, edit.Span.Start + 1), edit);
    }

    // The index of the first edit that starts at or after position (the count when there is none).
    private static int FirstAtOrAfter(List<TextEdit> edits, int position)
    {
        var low = 0;
        var high = edits.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (edits[middle].Span.Start < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
