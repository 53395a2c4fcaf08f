using System;
using System.Runtime.CompilerServices;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests;

/// <summary>A large table kept for the thread's next analysis survives full collections while used, and goes once unused for long enough.</summary>
public class KeptWhileUsedTests
{
    // Enough full collections for the watch to reach the oldest generation, and then some.
    private const int FullCollections = 4;

    [Fact]
    public void A_value_used_lately_is_kept_through_full_collections()
    {
        var keeper = new KeptWhileUsed<int[]>(unusedMilliseconds: 60_000);
        var table = new int[100_000];
        keeper.Keep(table);
        for (var i = 0; i < FullCollections; i++)
        {
            CollectFully();
        }

        Assert.Same(table, keeper.Take());
    }

    [Fact]
    public void A_value_unused_for_long_enough_is_let_go_of_at_a_full_collection()
    {
        var keeper = new KeptWhileUsed<int[]>(unusedMilliseconds: 0);
        var released = KeepUnreferenced(keeper);
        for (var i = 0; i < FullCollections; i++)
        {
            CollectFully();
        }

        Assert.Null(keeper.Take());
        Assert.False(released.TryGetTarget(out _));
    }

    [Fact]
    public void A_value_is_taken_once()
    {
        var keeper = new KeptWhileUsed<string>();
        keeper.Keep("kept");
        Assert.Equal("kept", keeper.Take());
        Assert.Null(keeper.Take());
    }

    private static void CollectFully()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    // In a method of its own, so that no local of the caller holds the table.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<int[]> KeepUnreferenced(KeptWhileUsed<int[]> keeper)
    {
        var table = new int[100_000];
        keeper.Keep(table);
        return new WeakReference<int[]>(table);
    }
}
