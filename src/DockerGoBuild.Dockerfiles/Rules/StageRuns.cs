using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>
/// Where the RUNs of each stage are, for fixes that add a mount to every RUN after an instruction (a copied
/// secret file, a secret ARG). Walking every later instruction for each finding was quadratic on a file of
/// thousands of such instructions; this index finds the RUNs at once.
/// </summary>
internal sealed class StageRuns
{
    /// <summary>
    /// A fix that would rewrite more RUNs than this is not offered: no real stage has that many, and checking
    /// them all for every finding would make a hostile file quadratic again.
    /// </summary>
    public const int MaxRunsToRewrite = 1000;

    // Indexes of the instructions whose effective instruction is a RUN (ONBUILD RUN included), ascending.
    private readonly int[] _runs;

    // For each instruction, the index of the FROM that ends its stage (or the instruction count).
    private readonly int[] _stageEnds;

    private StageRuns(int[] runs, int[] stageEnds)
    {
        _runs = runs;
        _stageEnds = stageEnds;
    }

    public static StageRuns Create(IReadOnlyList<InstructionFacts> facts)
    {
        var runs = new List<int>();
        var stageEnds = new int[facts.Count];
        for (var i = 0; i < facts.Count; i++)
        {
            AnalysisCancellation.PollAt(i);
            if (facts[i].Effective.Kind == InstructionKind.Run)
            {
                runs.Add(i);
            }
        }

        var end = facts.Count;
        for (var i = facts.Count - 1; i >= 0; i--)
        {
            AnalysisCancellation.PollAt(i);
            stageEnds[i] = end;
            if (facts[i].Instruction.Kind == InstructionKind.From)
            {
                end = i;
            }
        }

        return new StageRuns(runs.ToArray(), stageEnds);
    }

    /// <summary>
    /// The RUNs after instruction <paramref name="index"/> up to the next FROM, as instruction indexes; false
    /// (and no RUNs) when there are more than <see cref="MaxRunsToRewrite"/>.
    /// </summary>
    public bool TryGetRunsAfter(int index, out ArraySegment<int> runs)
    {
        var first = FirstAfter(index);
        var count = FirstAfter(_stageEnds[index] - 1) - first;
        runs = count <= MaxRunsToRewrite ? new ArraySegment<int>(_runs, first, count) : new ArraySegment<int>(_runs, 0, 0);
        return count <= MaxRunsToRewrite;
    }

    // The position in _runs of the first RUN whose index is greater than index.
    private int FirstAfter(int index)
    {
        var position = Array.BinarySearch(_runs, index);
        return position >= 0 ? position + 1 : ~position;
    }
}
