using System;
using System.Globalization;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>
/// How much the property and mutation tests run. CI runs a small budget so the suite stays fast; a long local
/// run sets DOCKERGOBUILD_FUZZ_ITERATIONS to sample that many inputs per property test and to cut every corpus
/// file at every position. Seeds are CsCheck's own (random each run): a failure prints its seed, and setting
/// CsCheck_Seed to it replays the failing input.
/// </summary>
public static class FuzzBudget
{
    public const string Variable = "DOCKERGOBUILD_FUZZ_ITERATIONS";

    /// <summary>The iterations asked for in the environment, or null for the CI budget.</summary>
    public static long? Requested { get; } = Read();

    /// <summary>True for a long local run (the variable is set).</summary>
    public static bool IsLong => Requested.HasValue;

    /// <summary>Iterations for one property test: <paramref name="ciIterations"/> in CI, the requested number otherwise.</summary>
    public static long Iterations(long ciIterations) => Requested ?? ciIterations;

    private static long? Read()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            throw new InvalidOperationException($"{Variable} must be a positive whole number, not '{value}'.");
        }

        return iterations;
    }
}
