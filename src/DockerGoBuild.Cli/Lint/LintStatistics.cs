namespace DockerGoBuild.Cli.Lint;

/// <summary>
/// The figures of <c>lint --stats</c>, printed as one JSON line whose fields line up with the peer linters'
/// summary (../shared/peers): lines are counted as <c>wc -l</c> would if the file ended in a line break.
/// </summary>
internal sealed class LintStatistics
{
    public int Files { get; set; }

    public long Lines { get; set; }

    public long Bytes { get; set; }

    public int Diagnostics { get; set; }

    /// <summary>How many files were analysed at once (<c>--jobs</c>).</summary>
    public int Jobs { get; set; }

    /// <summary>Parsing plus all rules over all files, once per pass; file reading excluded.</summary>
    public List<TimeSpan> AnalysisTimes { get; } = new();

    public TimeSpan ReadTime { get; set; }

    public void Write(TextWriter error) => JsonText.Write(error, json =>
    {
        json.WriteStartObject();
        json.WriteBoolean("stats", true);
        json.WriteNumber("files", Files);
        json.WriteNumber("lines", Lines);
        json.WriteNumber("bytes", Bytes);
        json.WriteNumber("diagnostics", Diagnostics);
        json.WriteNumber("jobs", Jobs);
        json.WriteStartArray("analysisMs");
        foreach (var time in AnalysisTimes)
        {
            json.WriteNumberValue(Milliseconds(time));
        }

        json.WriteEndArray();
        json.WriteNumber("readMs", Milliseconds(ReadTime));
        json.WriteEndObject();
    }, indented: false);

    private static double Milliseconds(TimeSpan time) => Math.Round(time.TotalMilliseconds, 3);
}
