using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>Measures how long an operation takes to return after its token is cancelled, at several points of its run.</summary>
public static class CancellationLatency
{
    private static readonly double[] Points = { 0.05, 0.25, 0.5, 0.75, 0.95 };

    /// <summary>
    /// Runs <paramref name="operation"/> to completion to learn its length, then cancels it at several
    /// fractions of that length and returns, per point, the time from Cancel() to the operation's return. A
    /// point over <paramref name="bound"/> is tried up to four more times and keeps its best time, so a moment
    /// when a shared CI machine does not schedule the thread is not counted, while an operation that does not
    /// poll its token fails every try.
    /// </summary>
    public static IReadOnlyList<TimeSpan> Measure(Action<CancellationToken> operation, TimeSpan bound)
    {
        operation(CancellationToken.None); // warm-up: JIT time would make the cancellation points fall too late
        var stopwatch = Stopwatch.StartNew();
        operation(CancellationToken.None);
        var length = stopwatch.Elapsed;
        var latencies = new List<TimeSpan>();
        foreach (var point in Points)
        {
            var best = CancelAfter(operation, length * point);
            for (var retry = 0; retry < 4 && best > bound; retry++)
            {
                var again = CancelAfter(operation, length * point);
                best = again < best ? again : best;
            }

            latencies.Add(best);
        }

        return latencies;
    }

    public static string Describe(IReadOnlyList<TimeSpan> latencies) =>
        "latency after Cancel() " + string.Join(", ", latencies.Select(latency => $"{latency.TotalMilliseconds:F1} ms")) + $" (max {latencies.Max().TotalMilliseconds:F1} ms)";

    public static void AssertWithin(IReadOnlyList<TimeSpan> latencies, TimeSpan bound) =>
        Assert.True(latencies.All(latency => latency <= bound), Describe(latencies));

    private static TimeSpan CancelAfter(Action<CancellationToken> operation, TimeSpan delay)
    {
        using var cancellation = new CancellationTokenSource();
        using var started = new ManualResetEventSlim();
        long returned = 0;
        var work = Task.Factory.StartNew(() =>
        {
            started.Set();
            try
            {
                operation(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
            }

            Interlocked.Exchange(ref returned, Stopwatch.GetTimestamp());
        }, TaskCreationOptions.LongRunning);

        started.Wait();
        Thread.Sleep(delay);
        var cancelled = Stopwatch.GetTimestamp();
        cancellation.Cancel();
        work.Wait();

        // An operation that finished before the cancellation returned with no delay at all.
        return TimeSpan.FromTicks(Math.Max(0, (Interlocked.Read(ref returned) - cancelled) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
    }
}
