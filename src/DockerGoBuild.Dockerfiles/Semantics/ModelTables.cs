using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using DockerGoBuild.Dockerfiles.Shell;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// The tables a <see cref="BuildModel"/>'s values point into: the facts of its instructions, the states they see,
/// the commands of its RUNs and their arguments, and while it is built, its global ARGs and its finished stages by
/// index and name. The model lives only as long as one analysis, and a thread analyses one file after another (in
/// the IDE, the same file on every keystroke): so the thread keeps the tables of its last model for its next one,
/// and the model of a file of ordinary size allocates none of them.
/// </summary>
internal sealed class ModelTables
{
    // Lists that grew past this many entries (a file of thousands of instructions) are not kept for the next model.
    private const int MaxRetainedLength = 4096;

    [ThreadStatic]
    private static ModelTables? spare;

    // The tables of a larger file, kept while the thread keeps using them (see KeptWhileUsed): the same large file analysed
    // again (in the IDE, on every keystroke) then reuses them rather than allocating megabytes of new large-object
    // heap, whose budget, once spent, starts a full collection.
    [ThreadStatic]
    private static KeptWhileUsed<ModelTables>? largeSpare;

    // The argument tables of the model's RUNs, [0, _argumentsUsed) in use, the rest left from earlier models.
    private readonly List<CommandArguments> _arguments = new();
    private int _argumentsUsed;

    // The lists are made for this many entries: a model of a file of up to this many
    // instructions fits in them, and needs no count of what it will hold (see Holds).
    private const int InitialLength = 64;

    // The keys of the stage names declared so far (see NameKey), a bit for each length up to 63 (longer ones share the
    // last) in a row for each first letter (other characters share the last row): an image whose key has no bit (nearly
    // every image) is no stage name, and is not looked up. Every image is looked up once a name starts outside ASCII.
    // Exact for nearly every key, the bits spare a generated file of tens of thousands of names a lookup of each image.
    private readonly ulong[] _stageNameKeys = new ulong[KeyRows];
    private bool _nameOutsideAscii;

    private ModelTables()
    {
    }

    // The facts of the model's instructions, [0, FactCount) in use.
    private FactRecord[] _facts = new FactRecord[InitialLength];

    public int FactCount { get; private set; }

    // The states the model's instructions see, each once, [0, _stateCount) in use: an instruction's facts hold the
    // index of its state. An array, so that a state is read where it lies (see State).
    private StageState[] _states = new StageState[InitialLength];
    private int _stateCount;

    // The values the states were set to (variable tables, USERs, WORKDIRs), [0, _stateValueCount) in use, each once,
    // as it was set: a state holds where its values are here (see StageState). Each in a struct, which is written
    // without the check of the element's type that a store into an array of objects makes.
    private StateValueEntry[] _stateValues = new StateValueEntry[InitialLength];
    private int _stateValueCount;

    // How many values were kept when the latest state was added: those after are its own (see SetStateValue).
    private int _valuesBeforeLatestState;

    private struct StateValueEntry
    {
        // The value; for a text kept where it lies in the source (see AddStateText), null until it is first asked for.
        public object? Value;
        public int SourceStart;
        public int Length;
    }

    // The commands and mounts of the model's RUNs, [0, _runCount) in use: a RUN's facts hold the index of its entry.
    // An array, so that an entry is written and read where it lies (see AddRun and Run).
    private RunFacts[] _runs = new RunFacts[InitialLength];
    private int _runCount;

    // The mounts of the model's RUNs, [0, _mountCount) in use, each RUN's in one piece that its entry locates. One
    // array the thread keeps rather than an array a RUN: a large file's would be as many objects that live, and that
    // the collector copies, as long as its model.
    private RunMount[] _mounts = new RunMount[InitialLength];
    private int _mountCount;

    /// <summary>The indexes of the facts of the RUNs (ONBUILD RUN included), in order.</summary>
    public List<int> RunIndexes { get; } = new(InitialLength);

    /// <summary>The indexes of the facts of the COPYs and ADDs (under ONBUILD too), in order.</summary>
    public List<int> CopyIndexes { get; } = new(InitialLength);

    /// <summary>The indexes of the facts of the ARGs and ENVs (under ONBUILD too), in order.</summary>
    public List<int> ArgAndEnvIndexes { get; } = new(InitialLength);

    /// <summary>The indexes of the facts of the FROMs, in order: each ends the stage before it.</summary>
    public List<int> FromIndexes { get; } = new(InitialLength);

    /// <summary>The commands of the model's RUNs, each RUN's in one piece (arrays of up to 1,024 commands).</summary>
    public SegmentBuffer<ExecutedCommand> Commands { get; } = new(1 << 10);

    /// <summary>The bounds of the commands' arguments, each RUN's in one piece (arrays of up to 64 KB).</summary>
    public SegmentBuffer<int> Bounds { get; } = new(1 << 14, holdsReferences: false);

    /// <summary>The values of the arguments not written as they are in the Dockerfile, each RUN's in one piece (arrays of up to 64 KB).</summary>
    public SegmentBuffer<char> Values { get; } = new(1 << 15, holdsReferences: false);

    /// <summary>The maps of the states' ENV and ARG tables, made again for each model of the thread (see <see cref="PersistentMap{TValue}.Pool"/>).</summary>
    public PersistentMap<string?>.Pool VariableMaps { get; } = new();

    /// <summary>The ARGs declared before the first FROM with their defaults, while the model is built.</summary>
    public FewNames<string?> GlobalArgs { get; } = new(StringComparison.Ordinal);

    /// <summary>The final states of the stages finished so far while the model is built, as indexes of <see cref="State"/>.</summary>
    public List<int> FinishedStages { get; } = new(InitialLength);

    // A file names a few stages (a few files some dozens), and a later FROM names one of them in few files: the first
    // names are only where they lie in their FROMs, and are compared there when a FROM's image may be one of them.
    // Past that many, the names are also found by hash (see _nameSlots): a generated file names tens of thousands.
    // No name is made a string: each would be an object kept alive as long as the model.
    private const int FewStageNames = 64;

    // The stage names declared, in order ([0, _namedStageCount) in use): the record of the FROM of each, its stage's
    // index, and its length and first character (see NameKey), which tell apart nearly every name and image that differ.
    private int[] _namedStageFroms = new int[FewStageNames];
    private int[] _namedStageIndexes = new int[FewStageNames];
    private int[] _namedStageKeys = new int[FewStageNames];
    private int _namedStageCount;

    // Once more than FewStageNames stages are named: the latest named stage of each name of ASCII characters (as an
    // index of the arrays above, plus one; 0: a free slot), by open addressing from its hash ignoring ASCII case, at
    // most half of the slots in use. The names [0, _slottedCount) are set in them: the others are set when a FROM's
    // image may be a name (see SetNewNameSlots), as a slot is a random place in a large table, which a generated file
    // of tens of thousands of names, none of them a later FROM's image, would read for each name in vain. The hash does not fold the cases of other characters, and some runtimes take a
    // character outside ASCII for an ASCII letter in another case: the names with such characters are in
    // _namedOutsideAscii instead, compared with every image.
    private int[] _nameSlots = Array.Empty<int>();
    private int _slottedCount;
    private int[] _namedOutsideAscii = Array.Empty<int>();
    private int _namedOutsideAsciiCount;

    // Where a stage name is read when its FROM's line is of more than one piece (see WordText); the name being set in
    // the slots in a buffer of its own, as the names it is compared with are read too.
    [ThreadStatic]
    private static char[]? stageNameChars;

    [ThreadStatic]
    private static char[]? settingStageNameChars;

    /// <summary>
    /// The model that reads these tables, made with their first model and kept with them (see <see cref="Return"/>),
    /// so that the models of a thread after its first allocate no object of their own.
    /// </summary>
    public BuildModel? Model { get; set; }

    // The file the model is of: the RUNs whose commands are read when first asked for are read in it.
    private DockerfileSyntax? _syntax;

    /// <summary>The tables of the file's syntax, which the facts' instructions are records of.</summary>
    public SyntaxTables Syntax { get; private set; } = null!;

    /// <summary>
    /// Empty tables for a model of <paramref name="syntax"/>: the thread's spare ones, or new ones when it has none
    /// (also when a model it made is still in use, as its tables are not given back until it is released).
    /// </summary>
    public static ModelTables Rent(DockerfileSyntax syntax)
    {
        var tables = spare;
        spare = null;
        tables ??= largeSpare?.Take() ?? new ModelTables();
        tables._syntax = syntax;
        tables.Syntax = syntax.InstructionList;
        return tables;
    }

    /// <summary>Keeps the tables for the thread's next model; nothing may read the model they belonged to after this.</summary>
    public void Return()
    {
        var retainable = _facts.Length <= MaxRetainedLength && _states.Length <= MaxRetainedLength && _stateValues.Length <= MaxRetainedLength && _runs.Length <= MaxRetainedLength && _mounts.Length <= MaxRetainedLength && FinishedStages.Capacity <= MaxRetainedLength
            && RunIndexes.Capacity <= MaxRetainedLength && CopyIndexes.Capacity <= MaxRetainedLength && ArgAndEnvIndexes.Capacity <= MaxRetainedLength && FromIndexes.Capacity <= MaxRetainedLength
            && _arguments.Count <= MaxRetainedLength && VariableMaps.Kept <= MaxRetainedLength && _namedStageFroms.Length <= MaxRetainedLength && _nameSlots.Length <= 2 * MaxRetainedLength;
        for (var i = 0; i < _argumentsUsed; i++)
        {
            _arguments[i].Reset(string.Empty, Array.Empty<char>(), 0, Array.Empty<int>(), 0, 0);
        }

        _argumentsUsed = 0;

        // The states' values, the RUNs and the commands refer to the file's syntax and strings: cleared, so that the
        // thread does not keep them alive (as spans: Array.Clear of an array of any type first finds out what its
        // elements are, at every call). The states refer to nothing but these tables (see StageState), and are
        // written whole when made: left as they are.
        _syntax = null;
        Syntax = null!;
        FactCount = 0;
        _stateCount = 0;
        new Span<StateValueEntry>(_stateValues, 0, _stateValueCount).Clear();
        _stateValueCount = 0;
        new Span<RunFacts>(_runs, 0, _runCount).Clear();
        _runCount = 0;
        if (_mountCount > 0)
        {
            // Most files mount nothing.
            new Span<RunMount>(_mounts, 0, _mountCount).Clear();
            _mountCount = 0;
        }

        RunIndexes.Clear();
        CopyIndexes.Clear();
        ArgAndEnvIndexes.Clear();
        FromIndexes.Clear();
        Commands.Clear(keepAll: !retainable);
        Bounds.Clear(keepAll: !retainable);
        Values.Clear(keepAll: !retainable);
        GlobalArgs.Clear();
        VariableMaps.Release();
        FinishedStages.Clear();
        if (_slottedCount > 0)
        {
            Array.Clear(_nameSlots, 0, _nameSlots.Length);
            _slottedCount = 0;
        }

        // A file names a few stages: only their rows are cleared.
        for (var i = 0; i < _namedStageCount; i++)
        {
            _stageNameKeys[KeyRow(_namedStageKeys[i])] = 0;
        }

        _nameOutsideAscii = false;

        _namedStageCount = 0;
        _namedOutsideAsciiCount = 0;
        if (retainable)
        {
            spare = this;
        }
        else
        {
            (largeSpare ??= new KeptWhileUsed<ModelTables>()).Keep(this);
        }
    }

    /// <summary>
    /// Declares the stage name <paramref name="name"/>, the third word of the FROM <paramref name="from"/> (a later
    /// stage of the same name replaces it).
    /// </summary>
    public void AddStageName(Instruction from, ArgumentWord name, int stageIndex)
    {
        // Only the length and first character are read now (see NameKey).
        var length = name.TryGetLineValue(out var line, out var start, out var lineLength) ? lineLength : -1;
        var first = length > 0 ? line.CharAt(start) : '\0';
        if (length < 0)
        {
            // A JSON string with escapes, which a FROM does not have: decoded.
            var value = name.Value;
            length = value.Length;
            first = length > 0 ? value[0] : '\0';
        }

        var key = NameKey(length, first);
        _stageNameKeys[KeyRow(key)] |= KeyBit(key);
        _nameOutsideAscii |= (key & NotAscii) != 0;
        if (_namedStageCount == _namedStageFroms.Length)
        {
            ReserveStageNames(2 * _namedStageCount);
        }

        var named = _namedStageCount++;
        _namedStageKeys[named] = key;
        _namedStageFroms[named] = from.Index;
        _namedStageIndexes[named] = stageIndex;
    }

    // Sets the names declared since the last lookup in the slots, each after the names before it (all of them in
    // slots made larger).
    private void SetNewNameSlots()
    {
        var first = _slottedCount;
        if (_namedStageCount > _nameSlots.Length / 2)
        {
            ReserveNameSlots(_namedStageCount);
            _namedOutsideAsciiCount = 0;
            first = 0;
        }

        for (var named = first; named < _namedStageCount; named++)
        {
            SetNameSlot(named);
        }

        _slottedCount = _namedStageCount;
    }

    // Makes the slots hold the given number of names at most half full (a power of two of them, at least 256).
    private void ReserveNameSlots(int names)
    {
        var length = Math.Max(_nameSlots.Length, 4 * FewStageNames);
        while (length < 2 * names)
        {
            length *= 2;
        }

        if (length > _nameSlots.Length)
        {
            _nameSlots = new int[length];
        }
    }

    // Sets the named stage in its slot, in the place of an earlier stage of the same name if there is one.
    private void SetNameSlot(int named)
    {
        var name = NamedStage(named, ref settingStageNameChars);
        if (!IsAscii(name))
        {
            if (_namedOutsideAsciiCount == _namedOutsideAscii.Length)
            {
                Array.Resize(ref _namedOutsideAscii, Math.Max(16, 2 * _namedOutsideAsciiCount));
            }

            _namedOutsideAscii[_namedOutsideAsciiCount++] = named;
            return;
        }

        var slot = FindNameSlot(name, _namedStageKeys[named]);
        _nameSlots[slot] = named + 1;
    }

    // The slot of the ASCII name whose key is given: the one that holds a stage of that name, or the free one where
    // it goes.
    private int FindNameSlot(ReadOnlySpan<char> name, int key)
    {
        var slots = _nameSlots;
        var mask = slots.Length - 1;
        for (var slot = HashIgnoringAsciiCase(name) & mask; ; slot = (slot + 1) & mask)
        {
            var named = slots[slot] - 1;
            if (named < 0 || (_namedStageKeys[named] == key && IsSameAsciiNameIgnoringCase(name, NamedStage(named))))
            {
                return slot;
            }
        }
    }

    /// <summary>
    /// The index of the stage declared so far with the name <paramref name="image"/> (ignoring case), if there is one.
    /// The name is looked up only when a stage name of its length and first letter may have been declared.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetStage(ReadOnlySpan<char> image, out int stageIndex)
    {
        var key = NameKey(image.Length, image.Length > 0 ? image[0] : '\0');
        if ((key & NotAscii) == 0 && !_nameOutsideAscii && (_stageNameKeys[KeyRow(key)] & KeyBit(key)) == 0)
        {
            stageIndex = -1;
            return false;
        }

        return FindStage(image, key, out stageIndex);
    }

    // TryGetStage of an image that may be a stage name, whose key is given.
    private bool FindStage(ReadOnlySpan<char> image, int key, out int stageIndex)
    {
        stageIndex = -1;
        if (_namedStageCount > FewStageNames && IsAscii(image))
        {
            // The latest stage of the name among the ASCII names, then among the others.
            SetNewNameSlots();
            var latest = _nameSlots[FindNameSlot(image, key)] - 1;
            for (var i = 0; i < _namedOutsideAsciiCount; i++)
            {
                var named = _namedOutsideAscii[i];
                if (named > latest && IsNamed(image, key, named))
                {
                    latest = named;
                }
            }

            if (latest >= 0)
            {
                stageIndex = _namedStageIndexes[latest];
            }

            return latest >= 0;
        }

        // The latest stage of the name is the one it names.
        for (var i = _namedStageCount - 1; i >= 0; i--)
        {
            if (IsNamed(image, key, i))
            {
                stageIndex = _namedStageIndexes[i];
                return true;
            }
        }

        return false;
    }

    // True when the named stage at `named` has the name `image`, whose key is given, ignoring case.
    private bool IsNamed(ReadOnlySpan<char> image, int key, int named)
    {
        var namedKey = _namedStageKeys[named];
        return (namedKey == key || ((namedKey >> 8) == (key >> 8) && ((namedKey | key) & NotAscii) != 0))
            && FewNames<int>.IsSameNameIgnoringCase(image, NamedStage(named));
    }

    private static bool IsAscii(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    // Two ASCII names as long as each other are equal ignoring case: each pair of characters is equal, or one letter in its two cases.
    private static bool IsSameAsciiNameIgnoringCase(ReadOnlySpan<char> name, ReadOnlySpan<char> known)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var k = known[i];
            if (c != k && ((c | 0x20) != (k | 0x20) || (uint)((c | 0x20) - 'a') > 'z' - 'a'))
            {
                return false;
            }
        }

        return true;
    }

    // A hash of an ASCII text that its other cases share: each character with its bit 0x20 set, which makes the two
    // cases of a letter one (and some other characters one too, which the comparison tells apart).
    private static int HashIgnoringAsciiCase(ReadOnlySpan<char> text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ (uint)(c | 0x20)) * 16777619u;
        }

        return (int)(hash ^ (hash >> 15));
    }

    // A name's length and first character, an ASCII letter in one case: names equal ignoring case have the same key
    // but when a first character is outside ASCII (NotAscii), which the general comparison tells.
    private static int NameKey(int length, char first) => (length << 8) | (first < 0x80 ? first | 0x20 : NotAscii);

    private const int NotAscii = 0x80;

    // The rows of _stageNameKeys: one for each ASCII letter, and one for the other first characters.
    private const int KeyRows = 27;

    // A key's row: its first character's, a letter in lower case ('a' to 'z'), or the last.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int KeyRow(int key) => (uint)((key & 0xFF) - 'a') < 26 ? (key & 0xFF) - 'a' : KeyRows - 1;

    // A key's bit in its row: its length's, up to 63.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong KeyBit(int key) => 1UL << Math.Min(key >> 8, 63);

    // The name of the i-th named stage, read in its FROM: its third word.
    private ReadOnlySpan<char> NamedStage(int i) => NamedStage(i, ref stageNameChars);

    private ReadOnlySpan<char> NamedStage(int i, ref char[]? buffer) => WordText.Read(new Instruction(Syntax, _namedStageFroms[i]).ArgumentWords[2], ref buffer);

    /// <summary>
    /// True when the model of a file of this many instructions fits in the tables as they are, whatever the
    /// instructions: each makes at most one fact, state (one more for the start), RUN and stage.
    /// </summary>
    public bool Holds(int instructions) =>
        _facts.Length >= instructions && _states.Length > instructions && _runs.Length >= instructions
        && FinishedStages.Capacity >= instructions && FromIndexes.Capacity >= instructions;

    /// <summary>Makes the lists hold at least the given numbers of entries without growing.</summary>
    public void Reserve(int facts, int states, int runs, int stages)
    {
        if (facts > _facts.Length)
        {
            Array.Resize(ref _facts, facts);
        }

        if (states > _states.Length)
        {
            Array.Resize(ref _states, states);
        }

        // A state keeps at most one value of each kind, and nearly every state that keeps any keeps one.
        if (states > _stateValues.Length)
        {
            Array.Resize(ref _stateValues, states);
        }
        if (runs > _runs.Length)
        {
            Array.Resize(ref _runs, runs);
        }

        FinishedStages.Capacity = Math.Max(FinishedStages.Capacity, stages);
        FromIndexes.Capacity = Math.Max(FromIndexes.Capacity, stages);
        if (stages > _namedStageFroms.Length)
        {
            ReserveStageNames(stages);
        }

        if (stages > FewStageNames)
        {
            ReserveNameSlots(stages);
        }
    }

    // Makes the named stages' arrays `count` long, the names declared so far kept.
    private void ReserveStageNames(int count)
    {
        Array.Resize(ref _namedStageFroms, count);
        Array.Resize(ref _namedStageIndexes, count);
        Array.Resize(ref _namedStageKeys, count);
    }

    /// <summary>Adds the facts of an instruction (see <see cref="FactRecord"/>); returns their index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AddFact(Instruction instruction, InstructionKind kind, InstructionKind effectiveKind, int stateIndex, int runIndex, bool mayHoldSecrets)
    {
        if (FactCount == _facts.Length)
        {
            Array.Resize(ref _facts, _facts.Length * 2);
        }

        ref var fact = ref _facts[FactCount];
        fact.Instruction = instruction.Index;
        fact.State = stateIndex;
        fact.Run = runIndex;
        fact.Kind = (byte)kind;
        fact.EffectiveKind = (byte)effectiveKind;
        fact.MayHoldSecrets = mayHoldSecrets;
        return FactCount++;
    }

    /// <summary>The facts at <paramref name="index"/> (from <see cref="AddFact"/>), where they lie.</summary>
    public ref readonly FactRecord Fact(int index) => ref _facts[index];

    /// <summary>An argument table for the next RUN: one an earlier model of the thread used, or a new one.</summary>
    public CommandArguments NextArguments()
    {
        if (_argumentsUsed == _arguments.Count)
        {
            _arguments.Add(new CommandArguments());
        }

        return _arguments[_argumentsUsed++];
    }

    /// <summary>Adds the index of a fact to the indexes of its effective instruction's kind, if it has them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddToKindIndexes(InstructionKind effectiveKind, int factIndex)
    {
        switch (effectiveKind)
        {
            case InstructionKind.Run:
                RunIndexes.Add(factIndex);
                break;
            case InstructionKind.Copy or InstructionKind.Add:
                CopyIndexes.Add(factIndex);
                break;
            case InstructionKind.Arg or InstructionKind.Env:
                ArgAndEnvIndexes.Add(factIndex);
                break;
        }
    }

    /// <summary>
    /// Adds a RUN's commands and mounts (the <paramref name="mountCount"/> from <paramref name="mountStart"/> in
    /// <see cref="TakeMounts"/>); returns the index of the entry. <paramref name="unreadRun"/>: the RUN whose
    /// commands are read, in <paramref name="dialect"/>, only when first asked for (see <see cref="RunCommands"/>),
    /// null when <paramref name="commands"/> are its commands.
    /// </summary>
    public int AddRun(RunCommandList commands, int mountStart, int mountCount, int unreadRun, ShellDialect dialect)
    {
        if (_runCount == _runs.Length)
        {
            Array.Resize(ref _runs, _runs.Length * 2);
        }

        _runs[_runCount] = new RunFacts(commands, mountStart, mountCount, unreadRun, dialect);
        return _runCount++;
    }

    /// <summary>
    /// Room for a RUN's <paramref name="count"/> mounts, from <paramref name="start"/> in the array returned, for the
    /// caller to write before the next RUN's are taken.
    /// </summary>
    public RunMount[] TakeMounts(int count, out int start)
    {
        if (_mountCount + count > _mounts.Length)
        {
            Array.Resize(ref _mounts, Math.Max(_mountCount + count, _mounts.Length * 2));
        }

        start = _mountCount;
        _mountCount += count;
        return _mounts;
    }

    /// <summary>The mounts of the RUN at <paramref name="runIndex"/> (from <see cref="AddRun"/>), where they lie.</summary>
    /// <remarks>Inlined: the cache analysis and the rules that read mounts ask it of every RUN.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RunMountList Mounts(int runIndex)
    {
        ref readonly var run = ref _runs[runIndex];
        return new RunMountList(_mounts, run.MountStart, run.MountCount);
    }

    /// <summary>
    /// The commands of the RUN at <paramref name="runIndex"/> (from <see cref="AddRun"/>), read into the tables at the
    /// first call when the model left them unread (a model is analysed by one thread). Kept in the RUN's entry rather
    /// than in an object per RUN: most RUNs are left unread, and most of those are never asked for.
    /// </summary>
    public RunCommandList RunCommands(int runIndex)
    {
        ref readonly var run = ref _runs[runIndex];
        if (run.UnreadRun < 0)
        {
            return run.Commands;
        }

        // Such a RUN runs no command whose arguments are read, as the prefilter showed.
        var commands = Semantics.RunCommands.ForThisThread().Read(_syntax!, new Instruction(Syntax, run.UnreadRun), run.Dialect, this).WithoutArgumentsRead();
        _runs[runIndex] = new RunFacts(commands, run.MountStart, run.MountCount, unreadRun: -1, run.Dialect);
        return commands;
    }

    /// <summary>The commands and mounts of the RUN at <paramref name="runIndex"/> (from <see cref="AddRun"/>), where they lie.</summary>
    public ref readonly RunFacts Run(int runIndex) => ref _runs[runIndex];

    /// <summary>Adds the state a stage starts with (see <see cref="StageState.Start"/>); returns its index.</summary>
    public int AddStart(int stageIndex, char escape, BaseImageKind baseImage, bool isWindows)
    {
        if (_stateCount == _states.Length)
        {
            Array.Resize(ref _states, _states.Length * 2);
        }

        _states[_stateCount].Start(this, stageIndex, escape, baseImage, isWindows);
        _valuesBeforeLatestState = _stateValueCount;
        return _stateCount++;
    }

    /// <summary>
    /// Adds a copy of the state at <paramref name="index"/>, for the model to change where it lies (see
    /// <see cref="StateToChange"/>); returns its index.
    /// </summary>
    public int AddCopyOf(int index)
    {
        if (_stateCount == _states.Length)
        {
            Array.Resize(ref _states, _states.Length * 2);
        }

        _states[_stateCount].CopyFrom(in _states[index]);
        _valuesBeforeLatestState = _stateValueCount;
        return _stateCount++;
    }

    /// <summary>
    /// The state at <paramref name="index"/>, for the model to change while it makes it (see <see cref="StageState"/>):
    /// the reference holds until the next state is added.
    /// </summary>
    public ref StageState StateToChange(int index) => ref _states[index];

    /// <summary>
    /// Keeps a value a state is set to (see <see cref="StageState"/>); returns where it is for
    /// <see cref="StateValue{T}"/>, from 1 (0 is no value).
    /// </summary>
    private int AddStateValue(object? value)
    {
        if (_stateValueCount == _stateValues.Length)
        {
            Array.Resize(ref _stateValues, _stateValues.Length * 2);
        }

        _stateValues[_stateValueCount++].Value = value;
        return _stateValueCount;
    }

    /// <summary>
    /// Sets a value of the latest state added, the one the model is making (see <see cref="StateToChange"/>):
    /// <paramref name="at"/> is where the state's value of that kind is (0: none), made where the new one is. A value
    /// the state itself set before (an ENV's earlier pair) is replaced where it lies, so that a state keeps one value
    /// of each kind.
    /// </summary>
    public void SetStateValue(ref int at, object value)
    {
        if (at > _valuesBeforeLatestState)
        {
            _stateValues[at - 1].Value = value;
            return;
        }

        at = AddStateValue(value);
    }

    /// <summary>
    /// Keeps a text a state is set to that lies in the file's source from <paramref name="sourceStart"/>, made a string
    /// only when first asked for (see <see cref="StateText"/>): a large file's WORKDIRs each differ, and most are never read.
    /// </summary>
    public int AddStateText(int sourceStart, int length)
    {
        var at = AddStateValue(null);
        ref var entry = ref _stateValues[at - 1];
        entry.SourceStart = sourceStart;
        entry.Length = length;
        return at;
    }

    /// <summary>The value kept at <paramref name="at"/> (see <see cref="SetStateValue"/>), of the type it was kept as.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T StateValue<T>(int at)
        where T : class => Unsafe.As<T>(_stateValues[at - 1].Value!);

    /// <summary>The text kept at <paramref name="at"/> (see <see cref="SetStateValue"/> and <see cref="AddStateText"/>).</summary>
    public string StateText(int at)
    {
        ref var entry = ref _stateValues[at - 1];
        if (entry.Value is { } value)
        {
            return Unsafe.As<string>(value);
        }

        var text = StringTable.Get(Syntax.Source.AsSpan(entry.SourceStart, entry.Length));
        entry.Value = text;
        return text;
    }

    /// <summary>The state at <paramref name="index"/> (from <see cref="AddStart"/> or <see cref="AddCopyOf"/>), where it lies in the table.</summary>
    public ref readonly StageState State(int index) => ref _states[index];
}

/// <summary>What a RUN does beyond the state it sees: the commands it executes and where its mounts are in the tables.</summary>
internal readonly struct RunFacts
{
    public RunFacts(RunCommandList commands, int mountStart, int mountCount, int unreadRun, ShellDialect dialect)
    {
        Commands = commands;
        MountStart = mountStart;
        MountCount = mountCount;
        UnreadRun = unreadRun;
        Dialect = dialect;
    }

    /// <summary>The commands, once read (none while <see cref="UnreadRun"/> is set).</summary>
    public RunCommandList Commands { get; }

    /// <summary>Where the RUN's mounts start in the tables' mounts (see <see cref="ModelTables.Mounts"/>).</summary>
    public int MountStart { get; }

    public int MountCount { get; }

    /// <summary>The RUN's record, while its commands are left unread (see <see cref="ModelTables.RunCommands"/>); -1 once read.</summary>
    public int UnreadRun { get; }

    /// <summary>The dialect the RUN's commands are read in.</summary>
    public ShellDialect Dialect { get; }
}
