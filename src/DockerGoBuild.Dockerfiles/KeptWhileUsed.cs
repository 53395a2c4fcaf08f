using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace DockerGoBuild.Dockerfiles;

/// <summary>
/// Something large (a table of a file of megabytes) that a thread keeps for its next analysis for as long as it keeps
/// using it, and lets go of once it stops. Held strongly, it survives the full collections that run while it is in
/// use: held weakly, it was lost at each of them, and made again on the large-object heap, whose allocations then
/// caused the next full collection, which lost it again. It is let go at the first full collection after a whole
/// interval between two of them in which it was not used, so that a thread (of a compiler server, say) that once
/// analysed a large file does not hold its memory for good.
/// </summary>
internal sealed class KeptWhileUsed<T>
    where T : class
{
    private T? _kept;

    // 1 when the value was taken or kept since the last full collection.
    private int _used;

    private bool _watched;

    /// <summary>The value kept, now the caller's (the next <see cref="Take"/> gets nothing until it is kept again), or null.</summary>
    public T? Take()
    {
        var kept = Interlocked.Exchange(ref _kept, null);
        if (kept != null)
        {
            Volatile.Write(ref _used, 1);
        }

        return kept;
    }

    /// <summary>Keeps <paramref name="value"/> for the next <see cref="Take"/>, in the place of any value kept before.</summary>
    public void Keep(T value)
    {
        Volatile.Write(ref _used, 1);
        Volatile.Write(ref _kept, value);
        if (!_watched)
        {
            _watched = true;
            _ = new FullCollectionWatch(this);
        }
    }

    // At a full collection: lets go of a value not used since the one before.
    private void Trim()
    {
        if (Interlocked.Exchange(ref _used, 0) == 0)
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
