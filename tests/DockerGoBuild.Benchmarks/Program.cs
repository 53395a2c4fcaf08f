using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace DockerGoBuild.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/DockerGoBuild.Benchmarks -- --filter '*'</c>
/// (any BenchmarkDotNet option works, e.g. <c>--job short</c> for a quicker, rougher run).
/// <c>-- inputs [--write FOLDER]</c> prints the inputs' sizes instead (and writes the generated files into FOLDER); <c>-- passes [--types] [seconds]</c> prints the best warm pass of
/// each phase over the corpus (see <see cref="PassProfile"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length >= 1 && args[0] == "inputs")
        {
            foreach (var name in InputSet.Names)
            {
                var texts = InputSet.Texts(name);
                Console.WriteLine($"{name}: {texts.Length} file(s), {InputSet.Bytes(name)} bytes, {texts.Sum(CountLines)} lines");
            }

            // `inputs --write FOLDER` also writes the generated files, for `dockergobuild lint --stats` to time them.
            if (args.Length == 3 && args[1] == "--write")
            {
                foreach (var name in new[] { InputSet.OneMegabyte, InputSet.TenMegabytes })
                {
                    File.WriteAllText(Path.Combine(args[2], name + ".Dockerfile"), InputSet.Texts(name)[0]);
                }
            }

            return 0;
        }

        if (args.Length >= 1 && args[0] == "passes")
        {
            var seconds = args.Skip(1).Where(arg => double.TryParse(arg, System.Globalization.CultureInfo.InvariantCulture, out _)).Select(arg => double.Parse(arg, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(3).First();
            PassProfile.Run(args.Contains("--types"), seconds);
            return 0;
        }

        var config = DefaultConfig.Instance
            .AddColumn(PerByteColumn.TimePerByte, PerByteColumn.AllocatedPerByte);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    private static int CountLines(string text)
    {
        var lines = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                lines++;
            }
        }

        return text.Length > 0 && text[^1] is not ('\n' or '\r') ? lines + 1 : lines;
    }
}
