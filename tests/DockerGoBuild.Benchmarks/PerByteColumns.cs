using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DockerGoBuild.Benchmarks;

/// <summary>A figure of a benchmark divided by the UTF-8 size of its input: allocated bytes or time per input byte.</summary>
public sealed class PerByteColumn : IColumn
{
    private readonly Func<BenchmarkReport, BenchmarkCase, double?> _measure;

    private PerByteColumn(string name, string legend, Func<BenchmarkReport, BenchmarkCase, double?> measure)
    {
        ColumnName = name;
        Id = nameof(PerByteColumn) + "." + name;
        Legend = legend;
        _measure = measure;
    }

    public static PerByteColumn AllocatedPerByte { get; } = new(
        "Alloc/byte",
        "Managed memory allocated per operation divided by the input's UTF-8 size",
        (report, benchmarkCase) => report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase));

    public static PerByteColumn TimePerByte { get; } = new(
        "ns/byte",
        "Mean time per operation in nanoseconds divided by the input's UTF-8 size",
        (report, _) => report.ResultStatistics?.Mean);

    public string Id { get; }

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        var bytes = InputBytes(benchmarkCase);
        var measured = report == null ? null : _measure(report, benchmarkCase);
        return measured is { } value && bytes > 0 ? (value / bytes).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;

    private static long InputBytes(BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.Type == typeof(AnalyzerBenchmarks))
        {
            return AnalyzerBenchmarks.InputBytes;
        }

        return benchmarkCase.Parameters["Input"] is string input ? InputSet.Bytes(input) : 0;
    }
}
