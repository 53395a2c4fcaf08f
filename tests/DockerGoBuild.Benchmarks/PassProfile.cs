using System.Diagnostics;
using System.Diagnostics.Tracing;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Benchmarks;

/// <summary>
/// A quick view of where a warm pass over the corpus goes, for working on speed between BenchmarkDotNet runs:
/// the best pass of each phase (parse; the shared build model over parsed files; parse + every rule) with the bytes
/// it allocates per input byte, parse + rules on the generated 1 MB and 10 MB files, and with <c>--types</c> the allocated bytes by type (the runtime's allocation
/// samples over 200 passes).
/// </summary>
internal static class PassProfile
{
    public static void Run(bool byType, double secondsPerPhase)
    {
        var texts = InputSet.Texts(InputSet.Corpus);
        var bytes = InputSet.Bytes(InputSet.Corpus);
        var parsed = texts.Select(text => DockerfileParser.Parse(text)).ToArray();
        var phases = new (string Name, Action Pass)[]
        {
            ("parse", () => { foreach (var text in texts) DockerfileParser.Parse(text); }),
            ("model (parsed)", () => { foreach (var syntax in parsed) BuildModel.Create(syntax, default).Release(); }),
            ("parse + rules", () => { foreach (var text in texts) DockerfileAnalysis.Analyze(text); }),
            ("findings only", () => DockerfileAnalysis.FindingsOf(texts)),
        };

        Console.WriteLine($"{texts.Length} files, {bytes} bytes");
        foreach (var (name, pass) in phases)
        {
            pass();
            Console.WriteLine($"{name,-15} best {BestMilliseconds(pass, secondsPerPhase),6:F2} ms   {AllocatedBytes(pass) / (double)bytes,5:F2} B/B");
        }

        PrintScaling(secondsPerPhase);
        if (byType)
        {
            PrintAllocationsByType(phases[^1].Pass);
        }
    }

    // The parser alone, the model and the rules over a parsed file, and parse + rules on the generated 1 MB and 10 MB files: linear cost means time ratios near the
    // size ratio. The collections each pass caused (all generations) tell how much of a ratio is the collector's.
    private static void PrintScaling(double seconds)
    {
        var phases = new (string, Func<string, object>, Action<object>)[]
        {
            ("parse", text => text, text => DockerfileParser.Parse((string)text)),
            ("model (parsed)", text => DockerfileParser.Parse(text), syntax => BuildModel.Create((DockerfileSyntax)syntax, default).Release()),
            ("rules (parsed)", text => DockerfileParser.Parse(text), syntax => DockerfileAnalysis.Analyze((DockerfileSyntax)syntax)),
            ("parse + rules", text => text, text => DockerfileAnalysis.Analyze((string)text)),
            ("findings only", text => text, text => DockerfileAnalysis.FindingsOf((string)text)),
        };
        foreach (var (phase, prepare, analyze) in phases)
        {
            var times = new List<double>();
            foreach (var name in new[] { InputSet.OneMegabyte, InputSet.TenMegabytes })
            {
                var input = prepare(InputSet.Texts(name)[0]);
                var bytes = InputSet.Bytes(name);
                void Pass() => analyze(input);
                Pass();
                var collections = GC.CollectionCount(0);
                var passes = 0;
                var best = BestMilliseconds(() => { Pass(); passes++; }, seconds);
                var perPass = (GC.CollectionCount(0) - collections) / (double)passes;
                times.Add(best);
                Console.WriteLine($"{name,-15} {phase,-14} best {best,6:F1} ms   {AllocatedBytes(Pass) / (double)bytes,5:F2} B/B   {perPass,4:F1} GCs a pass");
            }

            Console.WriteLine($"10 MB / 1 MB time, {phase}: {times[1] / times[0]:F1}x (size {InputSet.Bytes(InputSet.TenMegabytes) / (double)InputSet.Bytes(InputSet.OneMegabyte):F1}x)");
        }
    }

    private static double BestMilliseconds(Action pass, double seconds)
    {
        var best = double.MaxValue;
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            var one = Stopwatch.StartNew();
            pass();
            best = Math.Min(best, one.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    private static long AllocatedBytes(Action pass)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        pass();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void PrintAllocationsByType(Action pass)
    {
        using var listener = new AllocationSampleListener();
        for (var i = 0; i < 200; i++)
        {
            pass();
        }

        var samples = listener.Snapshot();
        var total = samples.Values.Sum();
        foreach (var (type, amount) in samples.OrderByDescending(pair => pair.Value).Take(40))
        {
            Console.WriteLine($"{amount * 100.0 / total,5:F1}%  {type}");
        }
    }

    /// <summary>Sums the runtime's allocation samples (one per ~100 KB allocated) by type.</summary>
    private sealed class AllocationSampleListener : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);

        public Dictionary<string, long> Snapshot()
        {
            lock (_byType)
            {
                return new Dictionary<string, long>(_byType, StringComparer.Ordinal);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
            {
                return;
            }

            var type = payload[names.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(payload[names.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
            lock (_byType)
            {
                _byType[type] = _byType.GetValueOrDefault(type) + amount;
            }
        }
    }
}
