using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Secrets;

/// <summary>Inputs no Dockerfile author writes on purpose, shared by the classifier tests.</summary>
public static class OddInputs
{
    private const int HundredKilobytes = 100 * 1024;

    public static IEnumerable<object[]> Strings()
    {
        yield return new object[] { string.Empty };
        yield return new object[] { " " };
        yield return new object[] { "___" };
        yield return new object[] { "-.-_" };
        yield return new object[] { "/" };
        yield return new object[] { "///" };
        yield return new object[] { "\\\\" };
        yield return new object[] { "[" };
        yield return new object[] { "]" };
        yield return new object[] { "*?[]" };
        yield return new object[] { "ÄÖÜ日本語" };
        yield return new object[] { "\0\t\n" };
        yield return new object[] { new string('A', HundredKilobytes) };
        yield return new object[] { new string('/', HundredKilobytes) };
        foreach (var seed in new[] { 1, 2, 3 })
        {
            yield return new object[] { Random(seed, HundredKilobytes) };
        }

        for (var seed = 10; seed < 60; seed++)
        {
            yield return new object[] { Random(seed, 1 + (seed * 7 % 40)) };
        }
    }

    /// <summary>
    /// Repetitions of the prefixes the classifiers look for: a quadratic scan of one megabyte takes
    /// minutes, a linear one milliseconds, so a generous time limit tells them apart without flakiness.
    /// </summary>
    public static IEnumerable<object[]> Adversarial()
    {
        var patterns = new[]
        {
            "ghp_", "github_pat_", "glpat-", "AKIA", "xoxb-", "npm_", "AccountKey=", "-----BEGIN ",
            "-----BEGIN PRIVATE KEY", "[", "[a", "aB", "AB", "A", "/", "/.ssh", ".ssh/", "id_", "_",
        };
        return patterns.Select(pattern => new object[] { pattern });
    }

    public static string Repeat(string pattern, int length)
    {
        var text = new StringBuilder(length + pattern.Length);
        while (text.Length < length)
        {
            text.Append(pattern);
        }

        return text.ToString();
    }

    public static void CompletesQuickly(string pattern, Action<string> classify)
    {
        var input = Repeat(pattern, 1024 * 1024);
        classify(input); // warm-up, so JIT time is not measured
        var stopwatch = Stopwatch.StartNew();
        classify(input);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"{pattern}: {stopwatch.Elapsed}");
    }

    private static string Random(int seed, int length)
    {
        // Characters the classifiers care about, plus a few they do not.
        const string alphabet = "aAbBkKeEyYsShH_-./\\*?[]0123456789 =+:@~ä";
        var random = new Random(seed);
        var text = new char[length];
        for (var i = 0; i < length; i++)
        {
            text[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(text);
    }
}
