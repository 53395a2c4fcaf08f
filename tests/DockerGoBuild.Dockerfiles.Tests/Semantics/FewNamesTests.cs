using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Semantics;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

public class FewNamesTests
{
    [Theory]
    [InlineData(StringComparison.Ordinal)]
    [InlineData(StringComparison.OrdinalIgnoreCase)]
    public void Names_answer_like_a_dictionary_however_many_and_after_each_clear(StringComparison comparison)
    {
        // A few names (kept in the arrays) and many (kept in the dictionary), in both cases and with a character
        // outside ASCII, set again and looked up where they lie; the table is used again after each clear.
        var names = new FewNames<int>(comparison);
        var random = new Random(5);
        for (var round = 0; round < 40; round++)
        {
            var expected = new Dictionary<string, int>(comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
            var count = random.Next(1, round % 2 == 0 ? 12 : 40);
            if (round % 3 == 0)
            {
                // As the model does for a file of many stages, before it sets any.
                names.Reserve(2 * count);
            }

            for (var i = 0; i < 2 * count; i++)
            {
                var name = Name(random.Next(count), random);
                names.Set(name, i);
                expected[name] = i;
            }

            for (var i = 0; i < count + 5; i++)
            {
                var name = Name(i, random);
                var line = "(" + name + ")";
                Assert.Equal(expected.TryGetValue(name, out var value), names.TryGetValue(line.AsSpan(1, name.Length), nameText: null, out var found));
                Assert.Equal(value, found);
                Assert.Equal(expected.TryGetValue(name, out value), names.TryGetValue(name.AsSpan(), name, out found));
                Assert.Equal(value, found);
            }

            names.Clear();
        }
    }

    [Theory]
    [InlineData("build", "BUILD")]
    [InlineData("build", "guild")]
    [InlineData("[stage", "{stage")]
    [InlineData("@stage", "`stage")]
    [InlineData("a", "A")]
    [InlineData("\u00e9tape", "\u00c9TAPE")]
    [InlineData("\u212Aey", "key")]
    [InlineData("kelvin", "\u212Aelvin")]
    public void Names_as_long_as_each_other_are_the_same_as_ordinal_comparison_ignoring_case_says(string declared, string lookedUp)
    {
        foreach (var comparison in new[] { StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase })
        {
            var names = new FewNames<int>(comparison);
            names.Set(declared, 1);
            Assert.Equal(string.Equals(declared, lookedUp, comparison), names.TryGetValue(lookedUp.AsSpan(), nameText: null, out _));

            // Set with the other spelling: the same name takes the new value, another one is added.
            names.Set(lookedUp, 2);
            Assert.True(names.TryGetValue(declared.AsSpan(), declared, out var value));
            Assert.Equal(string.Equals(declared, lookedUp, comparison) ? 2 : 1, value);
        }
    }

    // The i-th name, in a random case: "stage-3", "STAGE-3", "Stage-\u00e93".
    private static string Name(int i, Random random)
    {
        var name = (i % 3 == 0 ? "stage-\u00e9" : "stage-") + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return random.Next(2) == 0 ? name : name.ToUpperInvariant();
    }
}
