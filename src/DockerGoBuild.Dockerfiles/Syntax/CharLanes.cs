namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// Masks for testing four UTF-16 characters at once, read as one 64-bit word (a lane per character): the line scan
/// and the word readers step over runs of plain characters this way, as netstandard2.0 has no vector types.
/// </summary>
internal static class CharLanes
{
    /// <summary>One in every lane: multiplied by a character, that character in every lane.</summary>
    public const ulong EachOne = 0x0001_0001_0001_0001;

    /// <summary>The bits a lane has set from 0x80 up; adding one to the lanes sets one of them from 0x7F up.</summary>
    public const ulong NotAsciiBits = 0xFF80_FF80_FF80_FF80;

    /// <summary>The top bit of every lane: set by a subtraction that borrowed, or in a lane from 0x8000 up.</summary>
    public const ulong TopBits = 0x8000_8000_8000_8000;
}
