using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Shell;

namespace DockerGoBuild.Dockerfiles.Semantics;

internal enum BaseImageKind
{
    Other,
    Golang,
    Unknown,
}

/// <summary>
/// The build state an instruction sees: its stage's base image, ENV, ARGs in scope, USER, WORKDIR,
/// SHELL and what earlier <c>go env -w</c> wrote. Copied on change, shared otherwise; the variable tables are
/// persistent maps, so a copy shares them and a change costs O(log n) however many variables the stage has.
/// </summary>
internal sealed class StageState : IVariableLookup
{
    private PersistentMap<string?> _env = PersistentMap<string?>.Empty;
    private PersistentMap<string?> _args = PersistentMap<string?>.Empty;
    private PersistentMap<string> _goEnvFile = PersistentMap<string>.Empty;

    public StageState(int stageIndex, char escape)
    {
        StageIndex = stageIndex;
        Escape = escape;
    }

    public int StageIndex { get; private set; }

    public string? StageName { get; set; }

    public char Escape { get; }

    public BaseImageKind BaseImage { get; set; }

    public bool IsWindows { get; set; }

    /// <summary>ENV values; null for a value that refers to something unknown.</summary>
    public IReadOnlyDictionary<string, string?> Env => _env;

    /// <summary>ARGs in scope with their defaults (null: declared without a value, unset in a default build).</summary>
    public IReadOnlyDictionary<string, string?> Args => _args;

    /// <summary>Values written by <c>go env -w</c> in earlier RUNs (Go's env file).</summary>
    public IReadOnlyDictionary<string, string> GoEnvFile => _goEnvFile;

    /// <summary>The USER, expanded; null when never set (root).</summary>
    public string? User { get; set; }

    /// <summary>The WORKDIR; null when it refers to something unknown.</summary>
    public string? Workdir { get; set; } = "/";

    public ShellDialect? Shell { get; set; }

    public ShellDialect Dialect => Shell ?? (IsWindows ? ShellDialect.Cmd : ShellDialect.Posix);

    public StageState Clone() => new(StageIndex, Escape)
    {
        StageName = StageName,
        BaseImage = BaseImage,
        IsWindows = IsWindows,
        _env = _env,
        _args = _args,
        _goEnvFile = _goEnvFile,
        User = User,
        Workdir = Workdir,
        Shell = Shell,
    };

    /// <summary>A new stage that starts from this (earlier) stage: everything but the ARGs carries over.</summary>
    public StageState InheritFor(int stageIndex)
    {
        var state = Clone();
        state.StageIndex = stageIndex;
        state.StageName = null;
        state._args = PersistentMap<string?>.Empty;
        return state;
    }

    public void SetEnv(string name, string? value) => _env = _env.SetItem(name, value);

    public void SetArg(string name, string? value) => _args = _args.SetItem(name, value);

    public void SetGoEnv(string name, string value) => _goEnvFile = _goEnvFile.SetItem(name, value);

    /// <summary>
    /// A variable as a command sees it: set on the command or earlier in the same RUN, else ENV, else an
    /// ARG default in scope, else (for Go's variables) Go's env file. Null when unset or unknown.
    /// </summary>
    public string? Lookup(string name, IReadOnlyDictionary<string, string>? commandVariables = null)
    {
        if (commandVariables != null && commandVariables.TryGetValue(name, out var inline))
        {
            return inline;
        }

        if (_env.TryGetValue(name, out var env))
        {
            return env;
        }

        if (_args.TryGetValue(name, out var arg) && arg != null)
        {
            return arg;
        }

        return _goEnvFile.TryGetValue(name, out var goEnv) ? goEnv : null;
    }

    /// <summary>A variable for Dockerfile word expansion (ENV and ARG only).</summary>
    public string? LookupBuildVariable(string name)
    {
        if (_env.TryGetValue(name, out var env))
        {
            return env;
        }

        return _args.TryGetValue(name, out var arg) ? arg : null;
    }

    string? IVariableLookup.Lookup(string name) => LookupBuildVariable(name);

    public bool IsRoot
    {
        get
        {
            if (User == null)
            {
                return true;
            }

            var user = User;
            var colon = user.IndexOf(':');
            var length = colon >= 0 ? colon : user.Length;
            return (length == 4 && string.CompareOrdinal(user, 0, "root", 0, 4) == 0) || (length == 1 && user[0] == '0');
        }
    }

    /// <summary>$HOME: ENV HOME, else /root for root; unknown for other users and Windows.</summary>
    public string? Home(IReadOnlyDictionary<string, string>? commandVariables = null)
    {
        var home = Lookup("HOME", commandVariables);
        if (home != null)
        {
            return home;
        }

        return !IsWindows && IsRoot ? "/root" : null;
    }
}
