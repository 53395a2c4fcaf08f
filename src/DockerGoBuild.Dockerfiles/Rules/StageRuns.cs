using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Semantics;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>
/// Where the RUNs of each stage are, for fixes that add a mount to every RUN after an instruction (a copied
/// secret file, a secret ARG). Walking every later instruction for each finding was quadratic on a file of
/// thousands of such instructions; the model's indexes of the RUNs and FROMs find them at once.
/// </summary>
/// <remarks>
/// It reads the model as far as it is built: an analysis models a window of whole stages at a time (see
/// <see cref="DockerfileAnalysis"/>), so the stage of an instruction of the window is whole in it.
/// </remarks>
internal readonly struct StageRuns
{
    /// <summary>
    /// A fix that would rewrite more RUNs than this is not offered: no real stage has that many, and checking
    /// them all for every finding would make a hostile file quadratic again.
    /// </summary>
    public const int MaxRunsToRewrite = 1000;

    private readonly BuildModel _model;

    public StageRuns(BuildModel model)
    {
        _model = model;
    }

    /// <summary>
    /// The RUNs after instruction <paramref name="index"/> up to the next FROM, as the positions
    /// [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of the model's
    /// <see cref="BuildModel.RunIndexes"/>; false (and no RUNs) when there are more than <see cref="MaxRunsToRewrite"/>.
    /// </summary>
    public bool TryGetRunsAfter(int index, out int first, out int count)
    {
        var runs = _model.RunIndexes;
        var froms = _model.FromIndexes;
        first = FirstAfter(runs, index);
        var nextFrom = FirstAfter(froms, index);
        var stageEnd = nextFrom < froms.Count ? froms[nextFrom] : _model.Instructions.Count;
        count = FirstAfter(runs, stageEnd - 1) - first;
        if (count > MaxRunsToRewrite)
        {
            count = 0;
            return false;
        }

        return true;
    }

    // The position in indexes (ascending) of the first one greater than index.
    private static int FirstAfter(List<int> indexes, int index)
    {
        var position = indexes.BinarySearch(index);
        return position >= 0 ? position + 1 : ~position;
    }
}
