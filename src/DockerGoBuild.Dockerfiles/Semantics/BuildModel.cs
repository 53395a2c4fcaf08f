using System;
using System.Collections.Generic;
using System.Threading;
using DockerGoBuild.Dockerfiles.Secrets;
using DockerGoBuild.Dockerfiles.Shell;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// What the model keeps of an instruction: where its record, the state it sees and, for a RUN, its commands and
/// mounts are (-1: no RUN); indexes rather than the values, as most instructions share the state of the one before
/// and most are no RUN. No reference: a large file has hundreds of thousands of facts, whose table the collector
/// then neither marks through nor updates.
/// </summary>
internal struct FactRecord
{
    public int Instruction;
    public int State;
    public int Run;

    // The kinds, so that the rules' walks over every instruction pass the ones they skip without reading them: in
    // a large file the instructions lie far apart in memory, and reading each costs a cache miss.
    public byte Kind;
    public byte EffectiveKind;

    // For an ARG or ENV: false when the model, reading its pairs, found none that DGB031 could report.
    public bool MayHoldSecrets;
}

/// <summary>
/// An instruction with the build state it sees and, for a RUN, the commands it executes and its mounts: a view of
/// its <see cref="FactRecord"/> in the model's tables.
/// </summary>
internal readonly struct InstructionFacts
{
    private readonly ModelTables _tables;
    private readonly FactRecord _record;

    public InstructionFacts(ModelTables tables, in FactRecord record)
    {
        _tables = tables;
        _record = record;
    }

    /// <summary>The instruction as written (ONBUILD included).</summary>
    public Instruction Instruction => new(_tables.Syntax, _record.Instruction);

    /// <summary>The instruction that acts: ONBUILD's trigger or the instruction itself.</summary>
    public Instruction Effective => Instruction.Effective;

    /// <summary>The kind of the instruction as written (ONBUILD included).</summary>
    public InstructionKind Kind => (InstructionKind)_record.Kind;

    /// <summary>The kind of the instruction that acts.</summary>
    public InstructionKind EffectiveKind => (InstructionKind)_record.EffectiveKind;

    /// <summary>
    /// For an ARG or ENV: false when none of its pairs has a secret's name, a credential for a value or, for an ENV,
    /// a reference in its value (see <see cref="Secrets.SecretTexts"/>), as the model found reading them; true for
    /// every other instruction, and for ARGs and ENVs under ONBUILD, which the model does not apply.
    /// </summary>
    public bool MayHoldSecrets => _record.MayHoldSecrets;

    /// <summary>The state before the instruction runs, where it lies in the model's table.</summary>
    public ref readonly StageState State => ref _tables.State(_record.State);

    /// <summary>Where <see cref="State"/> is in the model's table: instructions with the same index see the same state.</summary>
    public int StateIndex => _record.State;

    /// <summary>The variables of <see cref="State"/>, for expanding words, with no copy of the state.</summary>
    public StateLookup Variables => new(_tables, _record.State);

    /// <summary>
    /// For a RUN (also under ONBUILD): the commands it executes; empty otherwise. A RUN can execute hundreds of
    /// thousands of commands: the walks over them poll <see cref="AnalysisCancellation"/>.
    /// </summary>
    public RunCommandList Commands => _record.Run < 0 ? default : _tables.RunCommands(_record.Run);

    /// <summary>
    /// For a RUN: true when one of its commands is one whose arguments are read (go, xx-go, dotnet), told without
    /// reading the commands the model left unread (see <see cref="RunCommands.Collect"/>).
    /// </summary>
    public bool HasCommandsWithArgumentsRead => _record.Run >= 0 && _tables.Run(_record.Run).Commands.HasArgumentsRead;

    /// <summary>For a RUN: its <c>--mount</c> flags, read once for every rule that needs them; empty otherwise.</summary>
    public RunMountList Mounts => _record.Run < 0 ? default : _tables.Mounts(_record.Run);
}

/// <summary>The facts of a model's instructions, in order: views of their records.</summary>
internal readonly struct FactList : IIndexedList<InstructionFacts>
{
    private readonly ModelTables _tables;

    public FactList(ModelTables tables)
    {
        _tables = tables;
    }

    public int Count => _tables.FactCount;

    public InstructionFacts this[int index] => new(_tables, in _tables.Fact(index));

    public IndexEnumerator<FactList, InstructionFacts> GetEnumerator() => new(this);
}

/// <summary>
/// One walk over the instructions that every rule shares: stages, their variables and paths,
/// and the commands of every RUN, computed once per analysis.
/// </summary>
internal sealed class BuildModel
{
    private readonly ModelTables _tables;

    private BuildModel(ModelTables tables)
    {
        _tables = tables;
    }

    /// <summary>The instructions with their facts; the rules' walks over them poll <see cref="AnalysisCancellation"/>.</summary>
    public FactList Instructions => new(_tables);

    /// <summary>
    /// The indexes in <see cref="Instructions"/> of the RUNs (ONBUILD RUN included), ascending: the rules that read
    /// only RUNs walk these rather than every instruction.
    /// </summary>
    public List<int> RunIndexes => _tables.RunIndexes;

    /// <summary>The indexes in <see cref="Instructions"/> of the COPYs and ADDs (under ONBUILD too), ascending.</summary>
    public List<int> CopyIndexes => _tables.CopyIndexes;

    /// <summary>The indexes in <see cref="Instructions"/> of the ARGs and ENVs (under ONBUILD too), ascending.</summary>
    public List<int> ArgAndEnvIndexes => _tables.ArgAndEnvIndexes;

    /// <summary>The indexes in <see cref="Instructions"/> of the FROMs, ascending.</summary>
    public List<int> FromIndexes => _tables.FromIndexes;

    public static BuildModel Create(DockerfileSyntax syntax, CancellationToken cancellationToken)
    {
        var model = Begin(syntax);
        model.ExtendTo(syntax.InstructionList.Count, cancellationToken);
        return model;
    }

    // The walk's state between two calls of ExtendTo: the file, the state the next instruction sees, the global ARGs.
    private DockerfileSyntax _syntax = null!;
    private int _stateIndex;
    private GlobalArgTable _globalArgs;

    /// <summary>
    /// A model of none of <paramref name="syntax"/>'s instructions yet, which <see cref="ExtendTo"/> extends: an
    /// analysis of a large file models a window of instructions at a time, and runs the rules over it while its
    /// facts are still in the processor's cache.
    /// </summary>
    public static BuildModel Begin(DockerfileSyntax syntax)
    {
        StringTable.BeginAnalysis();
        var tables = ModelTables.Rent(syntax);

        // Sized for the instructions parsed so far: all of a file parsed whole, the first window of one parsed as it is
        // analysed, whose tables then grow (and are kept for the thread's next analysis while used, see ModelTables).
        if (!tables.Holds(syntax.InstructionList.Count))
        {
            Reserve(syntax, tables);
        }

        // Tables given back come with the model they were of, as a thread's models are used one after another.
        var model = tables.Model ??= new BuildModel(tables);
        model._syntax = syntax;
        model._globalArgs = new GlobalArgTable(tables.GlobalArgs);

        // The state is the table's entry at stateIndex, read where it lies: an instruction that changes it makes the
        // next entry (see StageState).
        model._stateIndex = tables.AddStart(-1, syntax.EscapeCharacter, BaseImageKind.Other, isWindows: false);
        return model;
    }

    /// <summary>Models the instructions from the first not modelled yet to <paramref name="end"/> (exclusive).</summary>
    public void ExtendTo(int end, CancellationToken cancellationToken)
    {
        var syntax = _syntax;
        var tables = _tables;
        var globalArgs = _globalArgs;
        var escape = syntax.EscapeCharacter;
        var stateIndex = _stateIndex;
        var runCommands = RunCommands.ForThisThread();
        var instructions = syntax.InstructionList;
        for (var index = tables.FactCount; index < end; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // The kinds read once: each read of a record is a load checked against the table's bounds.
            var instruction = instructions[index];
            var kind = instruction.Kind;
            if (kind == InstructionKind.From)
            {
                if (tables.State(stateIndex).StageIndex >= 0)
                {
                    tables.FinishedStages.Add(stateIndex);
                }

                stateIndex = StartStage(instruction, tables, globalArgs, escape);
                tables.FromIndexes.Add(tables.AddFact(instruction, InstructionKind.From, InstructionKind.From, stateIndex, runIndex: -1, mayHoldSecrets: true));
                continue;
            }

            // Only an ONBUILD has a trigger: any other instruction is its own effective one.
            var effective = instruction;
            var effectiveKind = kind;
            if (kind == InstructionKind.Onbuild)
            {
                effective = instruction.Effective;
                effectiveKind = effective.Kind;
            }

            // ONBUILD triggers run in a later build, so they do not change this stage's state. The instruction's facts
            // hold the state it sees, from before it is applied.
            var seen = stateIndex;
            var runIndex = -1;
            var mayHoldSecrets = true;
            if (effectiveKind == InstructionKind.Run)
            {
                ref readonly var state = ref tables.State(stateIndex);
                var dialect = state.Dialect;
                var commands = runCommands.Collect(syntax, effective, dialect, tables, out var readLater);
                var mountCount = RunMount.Read(effective, state, tables, out var mountStart);
                runIndex = tables.AddRun(commands, mountStart, mountCount, readLater ? effective.Index : -1, dialect);
                if (kind == InstructionKind.Run && commands.HasArgumentsRead)
                {
                    stateIndex = ApplyGoEnvWrites(stateIndex, tables, commands);
                }
            }
            else if (kind is InstructionKind.Arg or InstructionKind.Env or InstructionKind.User or InstructionKind.Workdir or InstructionKind.Shell)
            {
                stateIndex = Apply(instruction, kind, stateIndex, tables, globalArgs, ref mayHoldSecrets);
            }

            var factIndex = tables.AddFact(instruction, kind, effectiveKind, seen, runIndex, mayHoldSecrets);
            tables.AddToKindIndexes(effectiveKind, factIndex);
        }

        _stateIndex = stateIndex;
    }

    // Counts what the tables will hold, so that a large file's tables are made at about their size instead of
    // growing by copies: the facts, the states (an instruction that may change the state makes one; a RUN does only
    // with `go env -w`), the RUNs (ONBUILDs counted too, as their trigger may be one) and the stages.
    private static void Reserve(DockerfileSyntax syntax, ModelTables tables)
    {
        var states = 1;
        var runs = 0;
        var stages = 0;
        foreach (var instruction in syntax.InstructionList)
        {
            switch (instruction.Kind)
            {
                case InstructionKind.From:
                    stages++;
                    states++;
                    break;
                case InstructionKind.Arg or InstructionKind.Env or InstructionKind.User or InstructionKind.Workdir or InstructionKind.Shell:
                    states++;
                    break;
                case InstructionKind.Run or InstructionKind.Onbuild:
                    runs++;
                    break;
            }
        }

        tables.Reserve(syntax.Instructions.Count, states, runs, stages);
    }

    /// <summary>
    /// Gives the model's tables back to the thread for its next model, at the end of the analysis that made it:
    /// nothing may read the model, its facts or its commands afterwards.
    /// </summary>
    public void Release()
    {
        _syntax = null!;
        _globalArgs = default;
        _tables.Return();
    }

    // The image of the FROM being read, when it lies in a line of more than one piece (see WordText).
    [ThreadStatic]
    private static char[]? imageChars;

    // Adds the state of the stage the FROM starts; returns its index.
    private static int StartStage(Instruction from, ModelTables tables, GlobalArgTable globalArgs, char escape)
    {
        var finished = tables.FinishedStages;
        var stageIndex = finished.Count;
        var words = from.ArgumentWords;

        // The image, expanded, read where it lies (most are their own value) or in the expander's buffer: only
        // compared and classified (see StringTable.FactsOf).
        var image = ReadOnlySpan<char>.Empty;
        if (words.Count > 0)
        {
            var word = words[0];
            image = word.TryGetLineValue(out var line, out var start, out var length)
                ? WordText.Read(line, start, length, ref imageChars)
                : word.Value.AsSpan();
            var firstChange = VariableExpander.FirstChange(image, escape);
            if (firstChange >= 0)
            {
                image = VariableExpander.ExpandFrom(image, firstChange, escape, globalArgs, out _);
            }
        }

        // A stage built on an earlier one inherits its state: its image, a stage name, is not classified.
        var parentState = tables.TryGetStage(image, out var parentIndex) && parentIndex < finished.Count ? finished[parentIndex] : -1;
        int stateIndex;
        if (parentState >= 0)
        {
            stateIndex = tables.AddCopyOf(parentState);
            tables.StateToChange(stateIndex).InheritFor(stageIndex);
        }
        else
        {
            // Classified when the analysis first met the image.
            ref var facts = ref StringTable.FactsOf(image);
            if ((facts & TextFacts.ImageKnown) == 0)
            {
                facts |= ImageFacts(image);
            }

            var baseImage = (facts & TextFacts.GolangImage) != 0 ? BaseImageKind.Golang : (facts & TextFacts.UnknownImage) != 0 ? BaseImageKind.Unknown : BaseImageKind.Other;
            stateIndex = tables.AddStart(stageIndex, escape, baseImage, isWindows: (facts & TextFacts.WindowsImage) != 0);
        }

        // Read once the image is no longer: it may lie in the same buffer.
        if (words.Count >= 3 && IsAs(words[1]))
        {
            tables.AddStageName(from, words[2], stageIndex);
        }

        return stateIndex;
    }

    /// <summary>
    /// What <see cref="ClassifyBaseImage"/> and <see cref="IsWindowsImage"/> tell of the image, as facts: for an ASCII
    /// image (nearly every one) in one pass over it that stops only at the few characters either looks at, rather
    /// than a search for each of those characters.
    /// </summary>
    internal static TextFacts ImageFacts(ReadOnlySpan<char> image)
    {
        // Read once: a static field is checked for its class's initialisation at every read.
        var classes = ImageCharacterClasses;
        var at = -1;
        var lastSlash = -1;
        var tagColon = -1;
        var firstUnknown = -1;
        var maybeWindows = false;
        for (var i = 0; i < image.Length; i++)
        {
            var c = image[i];
            if (c >= classes.Length)
            {
                return ImageFactsOf(image, IsWindowsImage(image), ClassifyBaseImage(image));
            }

            var character = classes[c];
            if (character == ImageCharacter.Other)
            {
                // Nearly every character: passed over without the switch's jump.
                continue;
            }

            switch (character)
            {
                case ImageCharacter.Slash when at < 0:
                    lastSlash = i;
                    tagColon = -1;
                    break;
                case ImageCharacter.Colon when at < 0 && tagColon < 0:
                    tagColon = i;
                    break;
                case ImageCharacter.At when at < 0:
                    at = i;
                    break;
                case ImageCharacter.Unknown when firstUnknown < 0:
                    firstUnknown = i;
                    break;
                case ImageCharacter.VOrW:
                    // Every name but ltsc20 has a 'v' or a 'w', which few images have.
                    maybeWindows = true;
                    break;
                case ImageCharacter.L:
                    maybeWindows |= i + 1 < image.Length && (image[i + 1] | 0x20) == 't';
                    break;
            }
        }

        // As ClassifyBaseImage: the repository is the reference (up to '@') up to the ':' after its last '/'.
        var componentStart = lastSlash + 1;
        var repositoryEnd = tagColon >= 0 ? tagColon : at >= 0 ? at : image.Length;
        var baseImage = repositoryEnd == 0 || (firstUnknown >= 0 && firstUnknown < repositoryEnd) ? BaseImageKind.Unknown
            : repositoryEnd - componentStart == 6 && StartsAt(image, componentStart, "golang") ? BaseImageKind.Golang
            : BaseImageKind.Other;
        return ImageFactsOf(image, maybeWindows && HasWindowsName(image), baseImage);
    }

    private static TextFacts ImageFactsOf(ReadOnlySpan<char> image, bool isWindows, BaseImageKind baseImage)
    {
        var facts = TextFacts.ImageKnown | (isWindows ? TextFacts.WindowsImage : TextFacts.None);
        return baseImage switch
        {
            BaseImageKind.Golang => facts | TextFacts.GolangImage,
            BaseImageKind.Unknown => facts | TextFacts.UnknownImage,
            _ => facts,
        };
    }

    // What ImageFacts' pass stops at in an ASCII image: the characters that bound its repository, the unknown
    // marker, and the letters that may start a Windows image's name.
    private enum ImageCharacter : byte
    {
        Other,
        Slash,
        Colon,
        At,
        Unknown,
        VOrW,
        L,
    }

    private static readonly ImageCharacter[] ImageCharacterClasses = MakeImageCharacterClasses();

    private static ImageCharacter[] MakeImageCharacterClasses()
    {
        var classes = new ImageCharacter[128];
        classes['/'] = ImageCharacter.Slash;
        classes[':'] = ImageCharacter.Colon;
        classes['@'] = ImageCharacter.At;
        classes[VariableExpander.UnknownMarker] = ImageCharacter.Unknown;
        classes['v'] = classes['V'] = classes['w'] = classes['W'] = ImageCharacter.VOrW;
        classes['l'] = classes['L'] = ImageCharacter.L;
        return classes;
    }

    // The word is AS in any case, compared where it lies (a word that is not plain ASCII compares as a string).
    private static bool IsAs(ArgumentWord word)
    {
        if (!word.TryGetLineValue(out var line, out var start, out var length))
        {
            return string.Equals(word.Value, "AS", StringComparison.OrdinalIgnoreCase);
        }

        if (length != 2)
        {
            return false;
        }

        var first = line.CharAt(start);
        var second = line.CharAt(start + 1);
        return first < 0x80 && second < 0x80
            ? (first | 0x20) == 'a' && (second | 0x20) == 's'
            : string.Equals(word.Value, "AS", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// golang when the repository's last path component is golang; unknown when the repository itself is unresolved.
    /// </summary>
    internal static BaseImageKind ClassifyBaseImage(ReadOnlySpan<char> image)
    {
        // reference = image up to '@'; repository = reference up to the ':' after its last '/'.
        var at = image.IndexOf('@');
        var reference = at >= 0 ? image.Slice(0, at) : image;
        var componentStart = reference.LastIndexOf('/') + 1;
        var tag = reference.Slice(componentStart).IndexOf(':');
        var repositoryEnd = tag >= 0 ? componentStart + tag : reference.Length;
        if (repositoryEnd == 0 || reference.Slice(0, repositoryEnd).IndexOf(VariableExpander.UnknownMarker) >= 0)
        {
            return BaseImageKind.Unknown;
        }

        return reference.Slice(componentStart, repositoryEnd - componentStart).Equals("golang".AsSpan(), StringComparison.OrdinalIgnoreCase)
            ? BaseImageKind.Golang
            : BaseImageKind.Other;
    }

    /// <summary>True when the image names a Windows image.</summary>
    internal static bool IsWindowsImage(ReadOnlySpan<char> image)
    {
        var all = 0;
        foreach (var c in image)
        {
            all |= c;
        }

        if (all >= 0x80)
        {
            // Lower-casing outside ASCII can turn other letters into these names' letters (U+212A into 'k').
            return IsWindowsImageLowered(image.ToString().ToLowerInvariant());
        }

        return HasWindowsName(image);
    }

    private static readonly char[] NamesWithVOrW = { 'v', 'V', 'w', 'W' };

    private static readonly char[] LOrUpperL = { 'l', 'L' };

    // An ASCII image names a Windows image. Every name but ltsc20 has a 'v' or a 'w' at a known place in it, letters
    // few images have: those names are tried only where such a letter puts their start, ltsc20 only where an 'l' is,
    // rather than at every letter any name starts with.
    private static bool HasWindowsName(ReadOnlySpan<char> image)
    {
        for (var i = image.IndexOfAny(NamesWithVOrW); i >= 0; i = NextIndexOfAny(image, NamesWithVOrW, i + 1))
        {
            // The 'v' of nanoserver is its 8th letter, that of servercore its 4th; the 'w' of
            // mcr.microsoft.com/windows is its 19th, that of dotnet/framework its 13th.
            var named = (image[i] | 0x20) == 'v'
                ? IsWindowsNameAt(image, i - 7) || IsWindowsNameAt(image, i - 3)
                : IsWindowsNameAt(image, i - 18) || IsWindowsNameAt(image, i - 12);
            if (named)
            {
                return true;
            }
        }

        for (var l = image.IndexOfAny(LOrUpperL); l >= 0; l = NextIndexOfAny(image, LOrUpperL, l + 1))
        {
            if (IsWindowsNameAt(image, l))
            {
                return true;
            }
        }

        return false;
    }

    private static int NextIndexOfAny(ReadOnlySpan<char> text, char[] values, int from)
    {
        var found = text.Slice(from).IndexOfAny(values);
        return found < 0 ? -1 : from + found;
    }

    // A name that marks a Windows image starts at image[at] (ignoring ASCII case). The second letter is told apart
    // first: these letters are common in image names, the names themselves rare.
    private static bool IsWindowsNameAt(ReadOnlySpan<char> image, int at)
    {
        if (at < 0)
        {
            return false;
        }

        var second = at + 1 < image.Length ? image[at + 1] | 0x20 : 0;
        return (image[at] | 0x20) switch
        {
            'n' => second == 'a' && StartsAt(image, at, "nanoserver"),
            's' => second == 'e' && StartsAt(image, at, "servercore"),
            'm' => second == 'c' && StartsAt(image, at, "mcr.microsoft.com/windows"),
            'd' => second == 'o' && StartsAt(image, at, "dotnet/framework"),
            _ => second == 't' && StartsAt(image, at, "ltsc20") && at + 7 < image.Length && char.IsDigit(image[at + 6]) && char.IsDigit(image[at + 7]),
        };
    }

    // image[at..] starts with lowerAscii, ignoring ASCII case.
    private static bool StartsAt(ReadOnlySpan<char> image, int at, string lowerAscii)
    {
        if (at + lowerAscii.Length > image.Length)
        {
            return false;
        }

        for (var k = 0; k < lowerAscii.Length; k++)
        {
            var c = image[at + k];
            if ((c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) != lowerAscii[k])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWindowsImageLowered(string lower)
    {
        if (lower.Contains("nanoserver") || lower.Contains("windowsservercore") || lower.Contains("servercore")
            || lower.Contains("mcr.microsoft.com/windows") || lower.Contains("dotnet/framework"))
        {
            return true;
        }

        var ltsc = lower.IndexOf("ltsc20", StringComparison.Ordinal);
        return ltsc >= 0 && ltsc + 7 < lower.Length && char.IsDigit(lower[ltsc + 6]) && char.IsDigit(lower[ltsc + 7]);
    }

    // The state after the instruction, which sees the state at stateIndex: a new entry of the table when the
    // instruction changes the state, the same index otherwise.
    // For an ARG or ENV, mayHoldSecrets says whether one of its pairs may be reported by DGB031 (see InstructionFacts).
    // Only ARG, ENV, USER, WORKDIR and SHELL come here, the instructions that may change the state but for a RUN's
    // `go env -w` (applied where its commands are read, see ApplyGoEnvWrites): the others are not passed.
    private static int Apply(Instruction instruction, InstructionKind kind, int stateIndex, ModelTables tables, GlobalArgTable globalArgs, ref bool mayHoldSecrets)
    {
        switch (kind)
        {
            case InstructionKind.Arg:
                return ApplyArg(instruction, stateIndex, tables, globalArgs, out mayHoldSecrets);
            case InstructionKind.Env:
                return ApplyEnv(instruction, stateIndex, tables, out mayHoldSecrets);
            default:
                return ApplyFirstWord(instruction, kind, stateIndex, tables);
        }
    }

    // The names and values of the ARG or ENV being read, when they lie in a line of more than one piece (see WordText).
    [ThreadStatic]
    private static char[]? nameChars;

    [ThreadStatic]
    private static char[]? valueChars;

    // Each pair's value sees the pairs before it (ENV A=1 B=$A): they are set in the new state one by one.
    private static int ApplyEnv(Instruction instruction, int stateIndex, ModelTables tables, out bool mayHoldSecrets)
    {
        mayHoldSecrets = false;
        var next = tables.AddCopyOf(stateIndex);
        var lookup = new StateLookup(tables, next);
        foreach (var pair in instruction.PairList)
        {
            ref var state = ref tables.StateToChange(next);
            var name = Name(pair, ref mayHoldSecrets);
            var raw = pair.HasValue ? WordText.Read(pair.Value, ref valueChars) : ReadOnlySpan<char>.Empty;
            state.SetEnv(state.EnvMap.SetItem(name, Value(raw, state.Escape, lookup, references: true, ref mayHoldSecrets), tables.VariableMaps));
        }

        return next;
    }

    // The pair's name, as the thread's strings have it; mayHoldSecrets made true when it is a secret's (see SecretTexts).
    private static string Name(ArgumentPair pair, ref bool mayHoldSecrets)
    {
        var key = WordText.Read(pair.Key, ref nameChars);
        ref var entry = ref StringTable.GetWithFacts(key);
        mayHoldSecrets |= SecretTexts.IsSecretName(key, ref entry.Facts);
        return entry.Text ?? key.ToString();
    }

    // The value of a word, as the thread's strings have it; null when it refers to something unknown. Most words
    // are their own value, as noted with their string the first time the thread met them. mayHoldSecrets is made
    // true when the word holds a credential or, with references, refers to a variable (see SecretTexts).
    private static string? Value<TLookup>(ReadOnlySpan<char> raw, char escape, TLookup lookup, bool references, ref bool mayHoldSecrets)
        where TLookup : IVariableLookup
    {
        ref var entry = ref StringTable.GetWithFacts(raw);
        ref var facts = ref entry.Facts;
        var text = entry.Text;
        var firstChange = VariableExpander.ChangeAt(raw, escape, ref facts);
        var isOwnValue = firstChange < 0;

        // A word that is its own value has a '$' only as its last character: one with something after it is expanded.
        mayHoldSecrets |= SecretTexts.Credential(raw, ref facts) != null
            || (references && (isOwnValue ? raw.Length > 0 && raw[raw.Length - 1] == '$' : raw.IndexOf('$') >= 0));
        if (isOwnValue)
        {
            return text ?? raw.ToString();
        }

        var expanded = VariableExpander.ExpandFrom(raw, firstChange, escape, lookup, out var unknown);
        return unknown ? null : StringTable.Get(expanded);
    }

    // USER, WORKDIR and SHELL (exec form) set what their first word says; the state is unchanged when there is none.
    private static int ApplyFirstWord(Instruction instruction, InstructionKind kind, int stateIndex, ModelTables tables)
    {
        // Read once: the instruction makes the view of its words on every call.
        var words = instruction.ArgumentWords;
        if (words.Count == 0 || (kind == InstructionKind.Shell && !instruction.IsJsonForm))
        {
            return stateIndex;
        }

        var word = words[0];
        var isLineValue = word.TryGetLineValue(out var line, out var start, out var length);
        var raw = isLineValue ? WordText.Read(line, start, length, ref valueChars) : word.Value.AsSpan();
        if (kind == InstructionKind.Shell)
        {
            var dialect = ShellDialectOf(raw);
            var shell = tables.AddCopyOf(stateIndex);
            tables.StateToChange(shell).SetShell(dialect);
            return shell;
        }

        // A WORKDIR that is its own value and path, in one piece of the source (nearly every one), is kept where it
        // lies, and made a string only if read (see ModelTables.AddStateText): a large file's each differ.
        ref readonly var current = ref tables.State(stateIndex);
        if (kind == InstructionKind.Workdir && isLineValue && IsOwnPath(raw, current.Escape))
        {
            var source = line.ToSource(start, start + length);
            if (source.Length == length)
            {
                var inSource = tables.AddCopyOf(stateIndex);
                tables.StateToChange(inSource).SetWorkdirInSource(source.Start, length);
                return inSource;
            }
        }

        // An unresolved part keeps the unknown marker, so such a user is never taken for root. Most words are their
        // own value and most WORKDIRs their own path, as noted with their string the first time the thread met them.
        ref var entry = ref StringTable.GetWithFacts(raw);
        ref var facts = ref entry.Facts;
        var text = entry.Text;
        string expanded;
        var isOwnPath = false;
        var firstChange = VariableExpander.ChangeAt(raw, current.Escape, ref facts);
        if (firstChange < 0)
        {
            expanded = text ?? raw.ToString();
            if (kind == InstructionKind.Workdir)
            {
                if ((facts & TextFacts.OwnPathKnown) == 0)
                {
                    facts |= TextFacts.OwnPathKnown | (UnixPath.ResolvesToItself(expanded) ? TextFacts.OwnPath : TextFacts.None);
                }

                isOwnPath = (facts & TextFacts.OwnPath) != 0;
            }
        }
        else
        {
            expanded = StringTable.Get(VariableExpander.ExpandFrom(raw, firstChange, current.Escape, new StateLookup(tables, stateIndex), out _));
        }

        var workdir = kind != InstructionKind.Workdir ? null : isOwnPath ? expanded : UnixPath.ResolveShared(expanded, current.Workdir);
        var next = tables.AddCopyOf(stateIndex);
        ref var state = ref tables.StateToChange(next);
        if (kind == InstructionKind.User)
        {
            state.SetUser(expanded);
        }
        else
        {
            state.SetWorkdir(workdir);
        }

        return next;
    }

    // The word is its own value (nothing to expand, unquote or unescape) and, as a path, its own resolved path.
    private static bool IsOwnPath(ReadOnlySpan<char> raw, char escape) =>
        VariableExpander.FirstChange(raw, escape) < 0 && UnixPath.ResolvesToItself(raw);

    // The dialect of a SHELL program, its name compared as lower-cased.
    private static ShellDialect ShellDialectOf(ReadOnlySpan<char> program)
    {
        foreach (var c in program)
        {
            if (c >= 0x80)
            {
                // Lower-casing outside ASCII follows the general rules (U+212A is a 'k').
                return ShellDialectOfLowered(program.ToString().ToLowerInvariant());
            }
        }

        return program.IndexOf("powershell".AsSpan(), StringComparison.OrdinalIgnoreCase) >= 0 || program.IndexOf("pwsh".AsSpan(), StringComparison.OrdinalIgnoreCase) >= 0 ? ShellDialect.PowerShell
            : program.EndsWith("cmd".AsSpan(), StringComparison.OrdinalIgnoreCase) || program.EndsWith("cmd.exe".AsSpan(), StringComparison.OrdinalIgnoreCase) ? ShellDialect.Cmd
            : ShellDialect.Posix;
    }

    private static ShellDialect ShellDialectOfLowered(string program) =>
        program.Contains("powershell") || program.Contains("pwsh") ? ShellDialect.PowerShell
        : program.EndsWith("cmd", StringComparison.Ordinal) || program.EndsWith("cmd.exe", StringComparison.Ordinal) ? ShellDialect.Cmd
        : ShellDialect.Posix;

    // A stage's ARGs change its state (each pair's value sees the pairs before it); the global ones (before the
    // first FROM) only the global table.
    private static int ApplyArg(Instruction instruction, int stateIndex, ModelTables tables, GlobalArgTable globalArgs, out bool mayHoldSecrets)
    {
        if (tables.State(stateIndex).StageIndex < 0)
        {
            mayHoldSecrets = ApplyGlobalArg(instruction, tables.State(stateIndex).Escape, globalArgs);
            return stateIndex;
        }

        mayHoldSecrets = false;
        var next = tables.AddCopyOf(stateIndex);
        var lookup = new StateLookup(tables, next);
        foreach (var pair in instruction.PairList)
        {
            ref var state = ref tables.StateToChange(next);
            var name = Name(pair, ref mayHoldSecrets);
            string? value;
            if (!pair.HasValue)
            {
                // A re-declared global ARG takes the global default.
                value = globalArgs.Lookup(name);
            }
            else
            {
                value = Value(WordText.Read(pair.Value, ref valueChars), state.Escape, lookup, references: false, ref mayHoldSecrets);
            }

            state.SetArgs(state.ArgMap.SetItem(name, value, tables.VariableMaps));
        }

        return next;
    }

    // A global ARG's pairs, set in the global table; true when one of them may hold a secret (see InstructionFacts).
    // A method of its own, so that the walk over a stage's ARGs does not make room on the stack for this one's too.
    private static bool ApplyGlobalArg(Instruction instruction, char escape, GlobalArgTable globalArgs)
    {
        var mayHoldSecrets = false;
        foreach (var pair in instruction.PairList)
        {
            var name = Name(pair, ref mayHoldSecrets);
            string? value = null;
            if (pair.HasValue)
            {
                value = Value(WordText.Read(pair.Value, ref valueChars), escape, globalArgs, references: false, ref mayHoldSecrets);
            }

            globalArgs.Set(name, value);
        }

        return mayHoldSecrets;
    }

    // `go env -w NAME=value` writes Go's env file, which later RUNs of the stage read.
    // Only a RUN whose commands have their arguments read comes here: the others run no go command.
    private static int ApplyGoEnvWrites(int stateIndex, ModelTables tables, in RunCommandList commands)
    {
        var goEnvFile = tables.State(stateIndex).GoEnvFileMap;
        var written = false;
        for (var index = 0; index < commands.Length; index++)
        {
            AnalysisCancellation.PollAt(index);
            var command = commands[index];
            if (!GoCommand.IsGo(command) || !command.ArgumentIs(0, "env") || !command.HasArgument("-w"))
            {
                continue;
            }

            for (var i = 0; i < command.ArgumentCount; i++)
            {
                var argument = command.Argument(i);
                var equals = argument.IndexOf('=');
                if (equals > 0)
                {
                    goEnvFile = goEnvFile.SetItem(argument.Substring(0, equals), argument.Substring(equals + 1));
                    written = true;
                }
            }
        }

        if (!written)
        {
            return stateIndex;
        }

        var next = tables.AddCopyOf(stateIndex);
        tables.StateToChange(next).SetGoEnvFile(goEnvFile);
        return next;
    }

    // The ARGs declared before the first FROM with their defaults, as FROM lines and stages' ARGs see them.
    private readonly struct GlobalArgTable : IVariableLookup
    {
        private readonly FewNames<string?> _values;

        public GlobalArgTable(FewNames<string?> values)
        {
            _values = values;
        }

        public void Set(string name, string? value) => _values.Set(name, value);

        public string? Lookup(string name) => _values.TryGetValue(name.AsSpan(), name, out var value) ? value : null;

        public string? Lookup(ReadOnlySpan<char> name) => _values.TryGetValue(name, nameText: null, out var value) ? value : null;
    }
}
