using System.Collections.Generic;
using CsCheck;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>
/// The fix engine's edit index (which replaced a scan of every taken edit, quadratic on files with thousands
/// of fixes) decides exactly as the scan did: checked against a plain reference on random edit sequences.
/// </summary>
public class EditIndexTests
{
    private static readonly Gen<TextEdit> Edit =
        Gen.Select(Gen.Int[0, 30], Gen.Frequency((1, Gen.Const(0)), (1, Gen.Int[1, 6])), Gen.OneOfConst("a", "b"),
            (start, length, text) => new TextEdit(new TextSpan(start, length), text));

    [Fact]
    public void Decides_like_a_scan_of_every_taken_edit()
    {
        Edit.Array[0, 40].Sample(edits =>
        {
            var index = new EditIndex();
            var taken = new List<TextEdit>();
            foreach (var edit in edits)
            {
                var expected = Reference(taken, edit);
                Assert.Equal(expected, index.Test(edit));
                if (expected == EditIndex.Fit.Fits)
                {
                    index.Add(edit);
                    taken.Add(edit);
                }
            }
        }, iter: FuzzBudget.Iterations(2000));
    }

    // The definition: the same edit is a duplicate; rewrites that overlap collide, and so does an insert
    // strictly inside a rewrite; inserts at one position never collide.
    private static EditIndex.Fit Reference(List<TextEdit> taken, TextEdit edit)
    {
        foreach (var existing in taken)
        {
            if (existing.Span == edit.Span && existing.NewText == edit.NewText)
            {
                return EditIndex.Fit.Duplicate;
            }
        }

        foreach (var existing in taken)
        {
            var a = existing.Span;
            var b = edit.Span;
            if (a.OverlapsWith(b) || (a.IsEmpty && a.Start > b.Start && a.Start < b.End) || (b.IsEmpty && b.Start > a.Start && b.Start < a.End))
            {
                return EditIndex.Fit.Collides;
            }
        }

        return EditIndex.Fit.Fits;
    }
}
