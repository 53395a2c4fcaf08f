using System;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// What a parse keeps of a file, in a few arrays rather than objects per instruction: the pieces of its logical lines
/// of more than one piece, and a record of ints and two object slots an instruction. <see cref="Instruction"/> and
/// <see cref="LogicalLine"/> are views into these. A file has thousands of instructions, and a generated one hundreds
/// of thousands: arrays of ints cost the collector nothing to mark or move, where an object each cost it every
/// collection that ran while the file was analysed.
/// </summary>
internal sealed class SyntaxTables
{
    /// <summary>An instruction's ints: see the offsets below.</summary>
    public const int RecordStride = 5;

    /// <summary>Kind, keyword spelling, exec form, escape character and where the keyword and arguments start (see <see cref="Instruction"/>).</summary>
    public const int PackedField = 0;

    /// <summary>The logical line: its piece's source start, or ~i with the line's pieces at <see cref="Pieces"/>[i] (see <see cref="LogicalLine"/>).</summary>
    public const int LineStartField = 1;

    public const int LineLengthField = 2;

    /// <summary>The physical line where the instruction ends (after its heredoc bodies).</summary>
    public const int EndLineField = 3;

    /// <summary>ONBUILD's trigger's record, or -1.</summary>
    public const int InnerField = 4;

    /// <summary>An instruction's object slots: its rarely used parts (flags, heredocs, ...) and its words or pairs.</summary>
    public const int SlotStride = 2;

    // A table that grew past this many records is not kept by the thread for its next parse.
    private const int MaxRetainedRecords = 1 << 14;

    /// <summary>
    /// Tables for a parse of the source of <paramref name="lines"/>, whose records and slots go in the thread's buffers
    /// <paramref name="records"/> and <paramref name="slots"/> (empty ones: cleared after the last parse).
    /// </summary>
    public SyntaxTables(LineMap lines, int[] pieces, int[] records, Slot[] slots)
    {
        Lines = lines;
        Source = lines.Text;
        Pieces = pieces;

        // A large file's tables are made once for as many instructions as it has lines (an instruction starts a line;
        // ONBUILD's trigger shares it, and is rare), rather than doubled many times over, and become its own.
        if (lines.Count > MaxRetainedRecords)
        {
            records = new int[(lines.Count + 1) * RecordStride];
            slots = new Slot[(lines.Count + 1) * SlotStride];
        }

        Records = records;
        Slots = slots;
    }

    public LineMap Lines { get; }

    public string Source { get; }

    /// <summary>The pieces of the logical lines: the line builder's buffer while the source is read, then a copy of the part in use.</summary>
    public int[] Pieces { get; set; }

    /// <summary>The instructions' records, <see cref="RecordStride"/> ints each, [0, <see cref="RecordCount"/>) in use.</summary>
    public int[] Records { get; private set; }

    /// <summary>The instructions' slots, <see cref="SlotStride"/> each.</summary>
    public Slot[] Slots { get; private set; }

    public int RecordCount { get; private set; }

    /// <summary>
    /// The records of the instructions as the file lists them, when it has ONBUILD triggers (whose records are among
    /// theirs); null when record i is instruction i.
    /// </summary>
    public int[]? TopLevel { get; private set; }

    /// <summary>Adds a record for the parser to fill in; returns its index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AddRecord()
    {
        if ((RecordCount + 1) * RecordStride > Records.Length)
        {
            Grow();
        }

        return RecordCount++;
    }

    private void Grow()
    {
        var records = Records;
        Array.Resize(ref records, Math.Max(RecordStride * 64, records.Length * 2));
        Records = records;
        var slots = Slots;
        Array.Resize(ref slots, records.Length / RecordStride * SlotStride);
        Slots = slots;
    }

    /// <summary>
    /// Gives the tables copies of the records and slots in use (of a small file; a large file's buffers become its
    /// own), and returns the buffers the thread keeps for its next parse (null: none worth keeping), cleared.
    /// </summary>
    public (int[]? Records, Slot[]? Slots) Finish(int[]? topLevel)
    {
        TopLevel = topLevel;
        var records = Records;
        var slots = Slots;
        if (records.Length > MaxRetainedRecords * RecordStride)
        {
            return (null, null);
        }

        Records = RecordCount == 0 ? Array.Empty<int>() : new int[RecordCount * RecordStride];
        Array.Copy(records, Records, Records.Length);
        Slots = RecordCount == 0 ? Array.Empty<Slot>() : new Slot[RecordCount * SlotStride];
        Array.Copy(slots, Slots, Slots.Length);

        // The thread keeps the buffers: not the file's objects.
        Array.Clear(slots, 0, Slots.Length);
        return (records, slots);
    }
}

/// <summary>
/// An object slot of <see cref="SyntaxTables"/>: an array of a struct rather than of objects, whose every read by
/// reference and every write the runtime would check against the array's element type.
/// </summary>
internal struct Slot
{
    public object? Value;
}
