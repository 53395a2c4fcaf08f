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
/// SHELL and what earlier <c>go env -w</c> wrote. Immutable: an instruction that changes the state makes a new one,
/// and the instructions after it until the next change share it through the model's state table. A value that stays
/// in that table, which the thread keeps from model to model: a file makes a state for nearly every other
/// instruction, and as objects they were most of what the model allocates. It is read where it lies (by reference,
/// <c>in</c> parameters), never copied: a copy of this size costs a write barrier for each of its references. The
/// variable tables are persistent maps, so states share them and a change costs O(log n) however many variables
/// the stage has.
/// </summary>
internal readonly struct StageState : IVariableLookup
{
    public StageState(int stageIndex, char escape, string? stageName = null, BaseImageKind baseImage = BaseImageKind.Other, bool isWindows = false)
    {
        StageIndex = stageIndex;
        Escape = escape;
        StageName = stageName;
        BaseImage = baseImage;
        IsWindows = isWindows;
        EnvMap = PersistentMap<string?>.Empty;
        ArgMap = PersistentMap<string?>.Empty;
        GoEnvFileMap = PersistentMap<string>.Empty;
        Workdir = "/";
    }

    public int StageIndex { get; private init; }

    public string? StageName { get; private init; }

    public char Escape { get; }

    public BaseImageKind BaseImage { get; }

    public bool IsWindows { get; }

    /// <summary>ENV values; null for a value that refers to something unknown.</summary>
    public IReadOnlyDictionary<string, string?> Env => EnvMap;

    /// <summary>ARGs in scope with their defaults (null: declared without a value, unset in a default build).</summary>
    public IReadOnlyDictionary<string, string?> Args => ArgMap;

    /// <summary>Values written by <c>go env -w</c> in earlier RUNs (Go's env file).</summary>
    public IReadOnlyDictionary<string, string> GoEnvFile => GoEnvFileMap;

    /// <summary>The USER, expanded; null when never set (root).</summary>
    public string? User { get; private init; }

    /// <summary>The WORKDIR; null when it refers to something unknown.</summary>
    public string? Workdir { get; private init; }

    public ShellDialect? Shell { get; private init; }

    public ShellDialect Dialect => Shell ?? (IsWindows ? ShellDialect.Cmd : ShellDialect.Posix);

    private PersistentMap<string?> EnvMap { get; init; }

    private PersistentMap<string?> ArgMap { get; init; }

    private PersistentMap<string> GoEnvFileMap { get; init; }

    /// <summary>The state a stage built FROM this one's stage starts with: its ENV, USER, WORKDIR and SHELL, no ARGs.</summary>
    public StageState InheritFor(int stageIndex, string? stageName) =>
        this with { StageIndex = stageIndex, StageName = stageName, ArgMap = PersistentMap<string?>.Empty };

    public StageState WithEnv(string name, string? value) => this with { EnvMap = EnvMap.SetItem(name, value) };

    public StageState WithArg(string name, string? value) => this with { ArgMap = ArgMap.SetItem(name, value) };

    public StageState WithGoEnv(string name, string value) => this with { GoEnvFileMap = GoEnvFileMap.SetItem(name, value) };

    public StageState WithUser(string user) => this with { User = user };

    public StageState WithWorkdir(string? workdir) => this with { Workdir = workdir };

    public StageState WithShell(ShellDialect shell) => this with { Shell = shell };

    public string? Lookup(string name, IReadOnlyDictionary<string, string>? commandVariables = null)
    {
        if (commandVariables != null && commandVariables.TryGetValue(name, out var inline))
        {
            return inline;
        }

        if (EnvMap.TryGetValue(name, out var env))
        {
            return env;
        }

        if (ArgMap.TryGetValue(name, out var arg) && arg != null)
        {
            return arg;
        }

        return GoEnvFileMap.TryGetValue(name, out var goEnv) ? goEnv : null;
    }

    /// <summary>A variable for Dockerfile word expansion (ENV and ARG only).</summary>
    public string? LookupBuildVariable(string name)
    {
        if (EnvMap.TryGetValue(name, out var env))
        {
            return env;
        }

        return ArgMap.TryGetValue(name, out var arg) ? arg : null;
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
