using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CsCheck;
using DockerGoBuild.Dockerfiles.Semantics;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

/// <summary>
/// A full chain moves into the map's tree: a small tree is built anew from the entries in order, a larger one takes
/// them one at a time. Either way every version answers as a dictionary copied on each change.
/// </summary>
public class PersistentMapMergeTests
{
    [Fact]
    public void Versions_across_small_and_large_trees_answer_like_copied_dictionaries()
    {
        // Keys from a set large enough for the tree to outgrow the trees built anew, with repeats that the chain shadows.
        var keys = Gen.Int[0, 120].Select(i => "K" + i.ToString(CultureInfo.InvariantCulture));
        Gen.Select(keys, Gen.Int[0, 3]).Array[0, 300].Sample(operations =>
        {
            var pool = new PersistentMap<string?>.Pool();
            for (var round = 0; round < 2; round++)
            {
                Check(operations, pool);
                pool.Release();
            }
        }, iter: 60);
    }

    [Fact]
    public void Keys_set_in_descending_and_ascending_order_are_all_found_in_order()
    {
        foreach (var order in new[] { Enumerable.Range(0, 200).Reverse().ToArray(), Enumerable.Range(0, 200).ToArray() })
        {
            var map = PersistentMap<int>.Empty;
            var versions = new List<PersistentMap<int>>();
            foreach (var i in order)
            {
                map = map.SetItem("K" + i.ToString("D3", CultureInfo.InvariantCulture), i);
                versions.Add(map);
            }

            for (var v = 0; v < versions.Count; v++)
            {
                var expected = order.Take(v + 1).OrderBy(i => i).Select(i => "K" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal(expected, versions[v].Keys.ToArray());
                Assert.Equal(v + 1, versions[v].Count);
                Assert.True(versions[v].TryGetValue("K" + order[v].ToString("D3", CultureInfo.InvariantCulture), out var value) && value == order[v]);
            }
        }
    }

    [Fact]
    public void Keys_of_every_length_are_found_and_others_of_their_lengths_are_not()
    {
        // Lengths that share their remainder by 16 (the map's note of its keys' lengths) and ones no key has, in the
        // chain and, past it, in the tree.
        var map = PersistentMap<int>.Empty;
        var set = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var length in new[] { 3, 19, 35, 7, 1, 17, 12, 28, 44, 5, 21, 2, 18, 34, 9, 25, 41, 6, 22, 38 })
        {
            var key = new string('K', length);
            map = map.SetItem(key, length);
            set[key] = length;
            for (var probe = 0; probe <= 50; probe++)
            {
                var found = map.TryGetValue(new string('K', probe).AsSpan(), out var value);
                Assert.Equal(set.ContainsKey(new string('K', probe)), found);
                Assert.Equal(found ? probe : 0, value);
                Assert.False(map.TryGetValue(new string('J', probe).AsSpan(), out _));
            }
        }
    }

    [Fact]
    public void A_pool_makes_again_the_maps_of_a_use_of_thousands_of_variables()
    {
        // A generated file of megabytes sets tens of thousands: analysed again, it makes none anew.
        var pool = new PersistentMap<string?>.Pool();
        var first = Use(pool);
        pool.Release();
        var second = Use(pool);
        Assert.Same(first[^1], second[^1]);
        Assert.True(pool.Kept >= first.Count);
        Assert.Equal(first.Count, second[^1].Count);

        static List<PersistentMap<string?>> Use(PersistentMap<string?>.Pool pool)
        {
            var maps = new List<PersistentMap<string?>>();
            var map = PersistentMap<string?>.Empty;
            for (var i = 0; i < 6000; i++)
            {
                map = map.SetItem("K" + i.ToString(CultureInfo.InvariantCulture), null, pool);
                maps.Add(map);
            }

            return maps;
        }
    }

    private static void Check((string Key, int Value)[] operations, PersistentMap<string?>.Pool pool)
    {
        var versions = new List<(PersistentMap<string?> Map, Dictionary<string, string?> Model)> { (PersistentMap<string?>.Empty, new Dictionary<string, string?>(StringComparer.Ordinal)) };
        foreach (var (key, value) in operations)
        {
            var (map, model) = versions[versions.Count - 1];
            var text = value == 0 ? null : value.ToString(CultureInfo.InvariantCulture);
            var next = versions.Count % 3 == 0 ? map.SetItem(key, text, pool) : map.SetItem(key, text);
            versions.Add((next, new Dictionary<string, string?>(model, StringComparer.Ordinal) { [key] = text }));
        }

        foreach (var (map, model) in versions)
        {
            Assert.Equal(model.Count, map.Count);
            Assert.Equal(model.OrderBy(pair => pair.Key, StringComparer.Ordinal), map);
            foreach (var (key, expected) in model)
            {
                Assert.True(map.TryGetValue(key, out var actual));
                Assert.Equal(expected, actual);
            }

            Assert.False(map.ContainsKey("missing"));
        }
    }
}
