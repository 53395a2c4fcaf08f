using System;
using System.Threading;

namespace DockerGoBuild.Dockerfiles;

/// <summary>
/// The cancellation token of the analysis running on this thread, for loops deep inside the parser, the shell
/// reader and the rules that would otherwise need it threaded through every signature. An IDE cancels an
/// analysis as soon as the file changes again, so a long file must stop within milliseconds, not after the
/// current instruction. The analysis is synchronous, so the token is simply thread-local for its duration.
/// </summary>
internal static class AnalysisCancellation
{
    // Checking a token is cheap but not free; a hot loop checks every 256th item.
    private const int PollMask = 255;

    [ThreadStatic]
    private static CancellationToken t_token;

    /// <summary>Makes <paramref name="token"/> the current one until the scope is disposed (scopes nest).</summary>
    public static Scope Enter(CancellationToken token)
    {
        var previous = t_token;
        t_token = token;
        return new Scope(previous);
    }

    /// <summary>
    /// <see cref="Check"/> at every 256th <paramref name="index"/> of a loop: a walk over a file's instructions or a
    /// RUN's commands pays no thread-local access per item.
    /// </summary>
    public static void PollAt(int index)
    {
        if ((index & PollMask) == 0)
        {
            Check();
        }
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when the current analysis was cancelled.</summary>
    public static void Check() => t_token.ThrowIfCancellationRequested();

    public readonly struct Scope : IDisposable
    {
        private readonly CancellationToken _previous;

        public Scope(CancellationToken previous)
        {
            _previous = previous;
        }

        public void Dispose() => t_token = _previous;
    }
}
