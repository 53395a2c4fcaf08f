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

    // Indexes of the FROMs, ascending: each ends the stage before it.
    private readonly int[] _froms;

    private readonly int _instructionCount;

    private StageRuns(int[] runs, int[] froms, int instructionCount)
    {
        _runs = runs;
        _froms = froms;
        _instructionCount = instructionCount;
    }

    public static StageRuns Create(FactList facts)
    {
        // Counted first, so both indexes are made at their size.
        var runCount = 0;
        var fromCount = 0;
        for (var i = 0; i < facts.Count; i++)
        {
            AnalysisCancellation.PollAt(i);
            runCount += IsRun(facts[i]) ? 1 : 0;
            fromCount += IsFrom(facts[i]) ? 1 : 0;
        }

        var runs = new int[runCount];
        var froms = new int[fromCount];
        runCount = 0;
        fromCount = 0;
        for (var i = 0; i < facts.Count; i++)
        {
            AnalysisCancellation.PollAt(i);
            if (IsRun(facts[i]))
            {
                runs[runCount++] = i;
            }

            if (IsFrom(facts[i]))
            {
                froms[fromCount++] = i;
            }
        }

        return new StageRuns(runs, froms, facts.Count);
    }

    private static bool IsRun(in InstructionFacts fact) => fact.EffectiveKind == InstructionKind.Run;

    private static bool IsFrom(in InstructionFacts fact) => fact.Kind == InstructionKind.From;

    /// <summary>
    /// The RUNs after instruction <paramref name="index"/> up to the next FROM, as instruction indexes; false
    /// (and no RUNs) when there are more than <see cref="MaxRunsToRewrite"/>.
    /// </summary>
    public bool TryGetRunsAfter(int index, out ArraySegment<int> runs)
    {
        var first = FirstAfter(_runs, index);
        var nextFrom = FirstAfter(_froms, index);
        var stageEnd = nextFrom < _froms.Length ? _froms[nextFrom] : _instructionCount;
        var count = FirstAfter(_runs, stageEnd - 1) - first;
        runs = count <= MaxRunsToRewrite ? new ArraySegment<int>(_runs, first, count) : new ArraySegment<int>(_runs, 0, 0);
        return count <= MaxRunsToRewrite;
    }

    // The position in indexes (ascending) of the first one greater than index.
    private static int FirstAfter(int[] indexes, int index)
    {
        var position = Array.BinarySearch(indexes, index);
        return position >= 0 ? position + 1 : ~position;
    }
}
