using System;
using System.Runtime.CompilerServices;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests;

/// <summary>A large table kept for the thread's next analysis survives full collections while used, and goes once unused.</summary>
public class KeptWhileUsedTests
{
    // Enough full collections for the watch to reach the oldest generation and then see two whole intervals.
    private const int FullCollections = 6;

    [Fact]
    public void A_value_used_between_full_collections_is_kept()
    {
        var keeper = new KeptWhileUsed<int[]>();
        var table = new int[100_000];
        keeper.Keep(table);
        for (var i = 0; i < FullCollections; i++)
        {
            CollectFully();
            var taken = keeper.Take();
            Assert.Same(table, taken);
            keeper.Keep(taken!);
        }
    }

    [Fact]
    public void A_value_unused_through_full_collections_is_let_go_of()
    {
        var keeper = new KeptWhileUsed<int[]>();
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
