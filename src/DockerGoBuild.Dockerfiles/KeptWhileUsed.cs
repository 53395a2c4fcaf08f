using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace DockerGoBuild.Dockerfiles;

/// <summary>
/// Something large (a table of a file of megabytes) that a thread keeps for its next analysis for as long as it keeps
/// using it, and lets go of once it stops. Held strongly, it survives the full collections that run while it is in
/// use: held weakly, it was lost at each of them, and made again on the large-object heap, whose allocations then
/// caused the next full collection, which lost it again. It is let go at the first full collection that finds it
/// unused for <see cref="DefaultUnusedMilliseconds"/> (a time, not a number of collections: the IDE analyses a file at
/// each keystroke, and a test harness collects fully between runs), so that a thread (of a compiler server, say) that
/// once analysed a large file does not hold its memory for good.
/// </summary>
internal sealed class KeptWhileUsed<T>
    where T : class
{
    /// <summary>How long a value may go unused and still be kept.</summary>
    public const int DefaultUnusedMilliseconds = 10_000;

    private readonly int _unusedMilliseconds;
    private T? _kept;

    // Environment.TickCount when the value was last taken or kept.
    private int _lastUse;

    private bool _watched;

    public KeptWhileUsed(int unusedMilliseconds = DefaultUnusedMilliseconds)
    {
        _unusedMilliseconds = unusedMilliseconds;
    }

    /// <summary>The value kept, now the caller's (the next <see cref="Take"/> gets nothing until it is kept again), or null.</summary>
    public T? Take()
    {
        var kept = Interlocked.Exchange(ref _kept, null);
        if (kept != null)
        {
            Volatile.Write(ref _lastUse, Environment.TickCount);
        }

        return kept;
    }

    /// <summary>Keeps <paramref name="value"/> for the next <see cref="Take"/>, in the place of any value kept before.</summary>
    public void Keep(T value)
    {
        Volatile.Write(ref _lastUse, Environment.TickCount);
        Volatile.Write(ref _kept, value);
        if (!_watched)
        {
            _watched = true;
            _ = new FullCollectionWatch(this);
        }
    }

    // At a full collection: lets go of a value unused for long enough (the tick count wraps: its difference does not).
    private void Trim()
    {
        if (unchecked(Environment.TickCount - Volatile.Read(ref _lastUse)) >= _unusedMilliseconds)
        {
            Volatile.Write(ref _kept, null);
        }
    }

    /// <summary>
    /// An object nothing refers to, whose finalizer the collector runs after each collection of its generation and
    /// which registers itself again: once it is in the oldest generation, after each full collection. It refers to
    /// its keeper through a weak handle (a WeakReference, itself finalized, may be finalized first), so that a keeper
    /// whose thread ended is collected, and the watch with it.
    /// </summary>
    private sealed class FullCollectionWatch
    {
        private GCHandle _keeper;

        public FullCollectionWatch(KeptWhileUsed<T> keeper)
        {
            _keeper = GCHandle.Alloc(keeper, GCHandleType.Weak);
        }

        ~FullCollectionWatch()
        {
            if (_keeper.Target is not KeptWhileUsed<T> keeper)
            {
                _keeper.Free();
                return;
            }

            if (GC.GetGeneration(this) == GC.MaxGeneration)
            {
                keeper.Trim();
            }

            GC.ReRegisterForFinalize(this);
        }
    }
}
