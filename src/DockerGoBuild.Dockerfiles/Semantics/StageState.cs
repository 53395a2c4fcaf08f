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
/// and the instructions after it until the next change share it through the model's state table. An object rather
/// than a value: every rule reads the state of the instructions it looks at, and a value of this size was copied
/// (with a write barrier for each of its references) on every read, far more often than a state is made. The
/// variable tables are persistent maps, so states share them and a change costs O(log n) however many variables
/// the stage has.
/// </summary>
internal sealed class StageState : IVariableLookup
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

    // A copy for a With method to change.
    private StageState(StageState other)
    {
        StageIndex = other.StageIndex;
        StageName = other.StageName;
        Escape = other.Escape;
        BaseImage = other.BaseImage;
        IsWindows = other.IsWindows;
        User = other.User;
        Workdir = other.Workdir;
        Shell = other.Shell;
        EnvMap = other.EnvMap;
        ArgMap = other.ArgMap;
        GoEnvFileMap = other.GoEnvFileMap;
    }

    public int StageIndex { get; private set; }

    public string? StageName { get; private set; }

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
    public string? User { get; private set; }

    /// <summary>The WORKDIR; null when it refers to something unknown.</summary>
    public string? Workdir { get; private set; }

    public ShellDialect? Shell { get; private set; }

    public ShellDialect Dialect => Shell ?? (IsWindows ? ShellDialect.Cmd : ShellDialect.Posix);

    private PersistentMap<string?> EnvMap { get; set; }

    private PersistentMap<string?> ArgMap { get; set; }

    private PersistentMap<string> GoEnvFileMap { get; set; }

    /// <summary>The state a stage built FROM this one's stage starts with: its ENV, USER, WORKDIR and SHELL, no ARGs.</summary>
    public StageState InheritFor(int stageIndex, string? stageName) =>
        new(this) { StageIndex = stageIndex, StageName = stageName, ArgMap = PersistentMap<string?>.Empty };

    public StageState WithEnv(string name, string? value) => new(this) { EnvMap = EnvMap.SetItem(name, value) };

    public StageState WithArg(string name, string? value) => new(this) { ArgMap = ArgMap.SetItem(name, value) };

    public StageState WithGoEnv(string name, string value) => new(this) { GoEnvFileMap = GoEnvFileMap.SetItem(name, value) };

    public StageState WithUser(string user) => new(this) { User = user };

    public StageState WithWorkdir(string? workdir) => new(this) { Workdir = workdir };

    public StageState WithShell(ShellDialect shell) => new(this) { Shell = shell };

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
