using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using DockerGoBuild.Dockerfiles.Semantics;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>
/// The persistent map behind every build state's variables behaves like a dictionary copied on each change:
/// every version answers as the dictionary of its time, whatever was set after it.
/// </summary>
public class PersistentMapTests
{
    [Fact]
    public void Every_version_answers_like_a_copied_dictionary()
    {
        var keys = Gen.OneOfConst("A", "B", "GOCACHE", "a", "", "Z9", "é", "AA", "_", "GOMODCACHE", "HOME", "x y");

        // Half the versions are made from a pool, used twice: the second round's maps are the first's made again.
        Gen.Select(keys, Gen.Int[0, 5]).Array[0, 60].Sample(operations =>
        {
            var pool = new PersistentMap<string?>.Pool();
            for (var round = 0; round < 2; round++)
            {
                CheckVersions(operations, pool);
                pool.Release();
            }
        }, iter: FuzzBudget.Iterations(1000));
    }

    private static void CheckVersions((string Key, int Value)[] operations, PersistentMap<string?>.Pool pool)
    {
        var versions = new List<(PersistentMap<string?> Map, Dictionary<string, string?> Model)> { (PersistentMap<string?>.Empty, new Dictionary<string, string?>(StringComparer.Ordinal)) };
        foreach (var (key, value) in operations)
        {
            var (map, model) = versions[versions.Count - 1];
            var text = value == 0 ? null : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var next = versions.Count % 2 == 0 ? map.SetItem(key, text, pool) : map.SetItem(key, text);
            versions.Add((next, new Dictionary<string, string?>(model, StringComparer.Ordinal) { [key] = text }));
        }

        foreach (var (map, model) in versions)
        {
            Assert.Equal(model.Count, map.Count);
            Assert.Equal(model.OrderBy(pair => pair.Key, StringComparer.Ordinal), map);
            foreach (var key in new[] { "A", "B", "GOCACHE", "a", "", "Z9", "é", "AA", "_", "GOMODCACHE", "HOME", "x y", "missing" })
            {
                Assert.Equal(model.TryGetValue(key, out var expected), map.TryGetValue(key, out var actual));
                Assert.Equal(expected, actual);

                // Looked up where the key lies in a longer text.
                var line = "<" + key + ">";
                Assert.Equal(model.ContainsKey(key), map.TryGetValue(line.AsSpan(1, key.Length), out var inPlace));
                Assert.Equal(expected, inPlace);
            }
        }
    }

    [Fact]
    public void Many_keys_stay_balanced_and_found()
    {
        var map = PersistentMap<int>.Empty;
        for (var i = 0; i < 100_000; i++)
        {
            map = map.SetItem("K" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i);
        }

        Assert.Equal(100_000, map.Count);
        Assert.True(map.TryGetValue("K99999", out var last) && last == 99_999);
        Assert.False(map.ContainsKey("K100000"));
    }
}
