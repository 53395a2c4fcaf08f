using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace DockerGoBuild.Analyzers.PackageTests;

/// <summary>What one dotnet command printed and returned.</summary>
public sealed record DotnetResult(string CommandLine, int ExitCode, string Output)
{
    public override string ToString() => $"{CommandLine} exited with {ExitCode}:\n{Output}";
}

/// <summary>Runs the dotnet CLI as a child process.</summary>
public static class Dotnet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    /// <summary>Variables the test host may have inherited from the build that started it; a child build must find
    /// its own SDK, not be pointed at the parent's MSBuild.</summary>
    private static readonly string[] InheritedMSBuildVariables =
    {
        "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILDNOINPROCNODE",
    };

    public static DotnetResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in InheritedMSBuildVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // A reused MSBuild node would outlive the command and keep the packages it loaded.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var outputDone = new TaskCompletionSource();
        var errorDone = new TaskCompletionSource();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data, outputDone);
        process.ErrorDataReceived += (_, e) => Append(e.Data, errorDone);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // A finite wait does not wait for the end of the output: a compiler server started by the build may keep
        // the pipes open for minutes after the build itself has exited.
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in {Timeout}:\n{output}");
        }

        Task.WaitAll(new Task[] { outputDone.Task, errorDone.Task }, TimeSpan.FromSeconds(10));
        lock (output)
        {
            return new DotnetResult("dotnet " + string.Join(' ', arguments), process.ExitCode, output.ToString());
        }

        void Append(string? line, TaskCompletionSource done)
        {
            if (line is null)
            {
                done.TrySetResult();
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
