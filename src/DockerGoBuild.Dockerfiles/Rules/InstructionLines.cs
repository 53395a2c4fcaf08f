using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>The lines of an instruction, as the findings name them.</summary>
internal static class InstructionLines
{
    /// <summary>
    /// <see cref="Instruction.StartLine"/>, without its search of the line starts for an instruction whose keyword is
    /// on the line where it ends (nearly every one): the keyword lies between that line's start and the
    /// instruction's end.
    /// </summary>
    public static int Start(Instruction instruction)
    {
        var keyword = instruction.Line.ToSource(instruction.KeywordStart);
        var endLine = instruction.EndLine;
        return keyword >= instruction.Line.Lines.Start(endLine) ? endLine : instruction.StartLine;
    }
}
