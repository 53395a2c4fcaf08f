using System;
using System.Collections.Generic;
using System.Linq;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

public class BuildModelTests
{
    [Theory]
    [InlineData("golang", nameof(BaseImageKind.Golang))]
    [InlineData("golang:1.23-alpine", nameof(BaseImageKind.Golang))]
    [InlineData("GoLang:1.23", nameof(BaseImageKind.Golang))]
    [InlineData("docker.io/library/golang:1.23@sha256:abc", nameof(BaseImageKind.Golang))]
    [InlineData("localhost:5000/golang", nameof(BaseImageKind.Golang))]
    [InlineData("localhost:5000/golang:1.23", nameof(BaseImageKind.Golang))]
    [InlineData("golang@sha256:abc:def", nameof(BaseImageKind.Golang))]
    [InlineData("golang/tools:1.0", nameof(BaseImageKind.Other))]
    [InlineData("mygolang", nameof(BaseImageKind.Other))]
    [InlineData("alpine:3.20", nameof(BaseImageKind.Other))]
    [InlineData("localhost:5000/alpine", nameof(BaseImageKind.Other))]
    [InlineData("", nameof(BaseImageKind.Unknown))]
    [InlineData(":1.23", nameof(BaseImageKind.Unknown))]
    [InlineData("@sha256:abc", nameof(BaseImageKind.Unknown))]
    [InlineData("\u0001", nameof(BaseImageKind.Unknown))]
    [InlineData("registry/\u0001:1.0", nameof(BaseImageKind.Unknown))]
    [InlineData("golang:\u0001", nameof(BaseImageKind.Golang))]
    [InlineData("golang@\u0001", nameof(BaseImageKind.Golang))]
    public void Base_images_are_classified_by_their_repository(string image, string expected)
    {
        Assert.Equal(expected, BuildModel.ClassifyBaseImage(image.AsSpan()).ToString());

        // Read where it lies in a line, with characters on both sides.
        var line = "FROM " + image + " AS build";
        Assert.Equal(expected, BuildModel.ClassifyBaseImage(line.AsSpan(5, image.Length)).ToString());
    }

    [Theory]
    [InlineData("mcr.microsoft.com/windows/servercore:ltsc2022", true)]
    [InlineData("mcr.microsoft.com/windows:1809", true)]
    [InlineData("MCR.Microsoft.com/Windows/NanoServer", true)]
    [InlineData("mcr.microsoft.com/dotnet/framework/sdk:4.8", true)]
    [InlineData("mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-1809", true)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:8.0-windowsservercore-ltsc2022", true)]
    [InlineData("myimage:ltsc2019", true)]
    [InlineData("myimage:LTSC2025", true)]
    [InlineData("myimage:ltsc20", false)]
    [InlineData("myimage:ltsc201", false)]
    [InlineData("myimage:ltsc20x9", false)]
    [InlineData("mcr.microsoft.com/dotnet/sdk:8.0", false)]
    [InlineData("golang:1.23-alpine", false)]
    [InlineData("nanoserve", false)]
    [InlineData("", false)]
    [InlineData("n", false)]
    [InlineData("\u212A", false)]
    [InlineData("image:\u00e9-nanoserver", true)]
    [InlineData("nanoserver-\u00e9", true)]
    [InlineData("\u00e9ltsc2022", true)]
    [InlineData("nanoserver", true)]
    [InlineData("servercore", true)]
    [InlineData("SERVERCORE:1", true)]
    [InlineData("dotnet/framework", true)]
    [InlineData("mcr.microsoft.com/windows", true)]
    [InlineData("x/dotnet/framework:wow", true)]
    [InlineData("ver", false)]
    [InlineData("vw/wv:vv", false)]
    [InlineData("debian:bookworm-slim", false)]
    [InlineData("mcr.microsoft.com/window", false)]
    [InlineData("dotnet/frame-work", false)]
    [InlineData("nano-server", false)]
    public void Windows_images_are_recognised_by_their_names(string image, bool expected)
    {
        Assert.Equal(expected, BuildModel.IsWindowsImage(image.AsSpan()));

        // Read where it lies in a line, with characters on both sides (whose letters must not complete a name).
        var line = "FROM " + image + "20 AS nanoserver";
        Assert.Equal(expected, BuildModel.IsWindowsImage(line.AsSpan(5, image.Length)));
    }

    [Theory]
    [InlineData("golang:1.23-alpine")]
    [InlineData("docker.io/library/golang:1.23@sha256:abc")]
    [InlineData("localhost:5000/golang:1.23")]
    [InlineData("golang@sha256:abc:def")]
    [InlineData("golang/tools:1.0")]
    [InlineData("a/b@c/golang")]
    [InlineData("GOLANG")]
    [InlineData("golan")]
    [InlineData("")]
    [InlineData(":1.23")]
    [InlineData("@sha256:abc")]
    [InlineData("registry/\u0001:1.0")]
    [InlineData("golang:\u0001")]
    [InlineData("\u0001golang")]
    [InlineData("mcr.microsoft.com/windows/servercore:ltsc2022")]
    [InlineData("MCR.Microsoft.com/Windows/NanoServer")]
    [InlineData("mcr.microsoft.com/dotnet/framework/sdk:4.8")]
    [InlineData("myimage:LTSC2025")]
    [InlineData("alpine:ltsc2019")]
    [InlineData("myimage:ltsc20x9")]
    [InlineData("mcr.microsoft.com/dotnet/sdk:8.0")]
    [InlineData("nanoserve")]
    [InlineData("\u212A")]
    [InlineData("image:\u00e9-nanoserver")]
    [InlineData("g\u00f6lang:1.0")]
    [InlineData("registry.example.com:5000/team/golang@sha256:0123456789abcdef")]
    [InlineData("abcdefgh/golang:1.2")]
    [InlineData("abcdefghijk/golang")]
    [InlineData("abcdefghijklmno/golang")]
    [InlineData("example.org/team/\u0001/app:1.0")]
    [InlineData("example.org/team/app-\u00e9:1.0")]
    [InlineData("example.org/team/app-ltsc2022")]
    [InlineData("example.org/team/app-LTSC2022x")]
    [InlineData("example.org/team/windows-app")]
    [InlineData("example.org/team/servercore")]
    [InlineData("example.org/golang/app:golang")]
    public void Image_facts_are_the_classification_and_the_windows_test_in_one(string image)
    {
        var facts = BuildModel.ImageFacts(image.AsSpan());
        var kind = (facts & TextFacts.GolangImage) != 0 ? BaseImageKind.Golang : (facts & TextFacts.UnknownImage) != 0 ? BaseImageKind.Unknown : BaseImageKind.Other;
        Assert.Equal(BuildModel.ClassifyBaseImage(image.AsSpan()), kind);
        Assert.Equal(BuildModel.IsWindowsImage(image.AsSpan()), (facts & TextFacts.WindowsImage) != 0);
        Assert.True((facts & TextFacts.ImageKnown) != 0);
    }

    [Theory]
    [InlineData("ENV A=cost$", true)]
    [InlineData("ENV A=\"cost$\"", true)]
    [InlineData("ENV A=a$b", true)]
    [InlineData("ENV A=cost", false)]
    [InlineData("ENV A=cost\\$", true)]
    [InlineData("ARG A=cost$", false)]
    public void An_env_value_with_a_dollar_anywhere_may_hold_a_secret(string instruction, bool mayHoldSecrets)
    {
        var model = BuildModel.Create(DockerfileParser.Parse("FROM alpine\n" + instruction + "\n"), default);
        try
        {
            Assert.Equal(mayHoldSecrets, model.Instructions[1].MayHoldSecrets);
        }
        finally
        {
            model.Release();
        }
    }

    [Theory]
    [InlineData("FROM golang AS build\nFROM build\n", nameof(BaseImageKind.Golang))]
    [InlineData("FROM golang as build\nFROM build\n", nameof(BaseImageKind.Golang))]
    [InlineData("FROM golang aS build\nFROM BUILD\n", nameof(BaseImageKind.Golang))]
    [InlineData("FROM golang ASX build\nFROM build\n", nameof(BaseImageKind.Other))]
    [InlineData("FROM golang A build\nFROM build\n", nameof(BaseImageKind.Other))]
    [InlineData("FROM golang AS build\nFROM alpine AS bui\nFROM build\n", nameof(BaseImageKind.Golang))]
    [InlineData("FROM gol\\\nang AS bu\\\nild\nFROM bu\\\nild AS next\nFROM next\n", nameof(BaseImageKind.Golang))]
    [InlineData("ARG BASE=build\nFROM golang AS build\nFROM ${BASE}\n", nameof(BaseImageKind.Golang))]
    [InlineData("FROM golang AS build\nFROM alpine AS golang\nFROM build\n", nameof(BaseImageKind.Golang))]
    [InlineData("FROM golang AS build\nFROM build AS alpine\nFROM alpine\n", nameof(BaseImageKind.Golang))]
    [InlineData("FROM golang AS a-stage-name-longer-than-sixty-three-characters-which-is-unusual-but-valid\nFROM A-STAGE-NAME-LONGER-THAN-SIXTY-THREE-CHARACTERS-WHICH-IS-UNUSUAL-BUT-VALID\n", nameof(BaseImageKind.Golang))]
    [InlineData("FROM golang AS a-stage-name-longer-than-sixty-three-characters-which-is-unusual-but-valid\nFROM a-stage-name-longer-than-sixty-three-characters-which-is-unusual-but-other\n", nameof(BaseImageKind.Other))]
    public void A_stage_named_with_as_in_any_case_is_the_base_of_a_later_stage(string text, string laterBase)
    {
        var model = BuildModel.Create(DockerfileParser.Parse(text), default);
        Assert.Equal(laterBase, StateAfter(model, model.Instructions.Count - 1).BaseImage.ToString());
        model.Release();
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(90)]
    [InlineData(300)]
    public void A_stage_name_names_the_latest_stage_of_that_name_however_many_stages_are_named(int stages)
    {
        // Stage i is named n{i}, on golang for even i and alpine for odd; the last two are named again, in other
        // cases, on the other image; stages named é... and É... differ only in a first letter outside ASCII.
        var text = string.Concat(Enumerable.Range(0, stages).Select(i => $"FROM {(i % 2 == 0 ? "golang" : "alpine")} AS n{i}\n"))
            + $"FROM alpine AS N{stages - 2}\nFROM golang AS N{stages - 1}\nFROM golang AS \u00e9tape\n"
            + $"FROM N0\nFROM n1\nFROM n{stages - 2}\nFROM n{stages - 1}\nFROM \u00c9TAPE\nFROM n{stages}\n";
        for (var round = 0; round < 2; round++)
        {
            var model = BuildModel.Create(DockerfileParser.Parse(text), default);
            var count = model.Instructions.Count;
            Assert.Equal(
                new[] { "Golang", "Other", "Other", "Golang", "Golang", "Other" },
                Enumerable.Range(count - 6, 6).Select(i => StateAfter(model, i).BaseImage.ToString()).ToArray());
            model.Release();
        }
    }

    [Fact]
    public void Many_stage_names_of_one_length_and_first_letter_split_across_lines_each_name_their_own_stage()
    {
        // Past the first few, names are found by hash: these share their key (length and first letter), so that
        // their slots' probes compare them with each other, each read from lines of two pieces.
        var text = string.Concat(Enumerable.Range(0, 120).Select(i => $"FROM {(i % 3 == 0 ? "golang" : "alpine")} AS s\\\ntage{i:D3}\n"))
            + string.Concat(Enumerable.Range(0, 120).Select(i => $"FROM STAGE{i:D3}\n"));
        var model = BuildModel.Create(DockerfileParser.Parse(text), default);
        try
        {
            Assert.Equal(
                Enumerable.Range(0, 120).Select(i => i % 3 == 0 ? "Golang" : "Other").ToArray(),
                Enumerable.Range(120, 120).Select(i => StateAfter(model, i).BaseImage.ToString()).ToArray());
        }
        finally
        {
            model.Release();
        }
    }

    [Fact]
    public void A_state_without_variables_looks_each_up_as_unset_and_later_states_find_theirs()
    {
        const string Text = "FROM golang\nRUN true\nARG A=1\nRUN go env -w GOFLAGS=-mod=mod\nENV E=2\nRUN true\n";
        var model = BuildModel.Create(DockerfileParser.Parse(Text), default);
        var facts = model.Instructions;

        var empty = facts[1].State;
        Assert.Null(empty.Lookup("A"));
        Assert.False(empty.TryGetArg("A".AsSpan(), out _));
        Assert.Null(empty.LookupBuildVariable("E".AsSpan()));
        Assert.Equal("/root", empty.Home());

        var later = facts[5].State;
        Assert.True(later.TryGetArg("A".AsSpan(), out var a));
        Assert.Equal("1", a);
        Assert.Equal("1", later.Lookup("A"));
        Assert.Equal("2", later.LookupBuildVariable("E".AsSpan()));
        Assert.Equal("-mod=mod", later.Lookup("GOFLAGS"));
        Assert.Null(later.LookupBuildVariable("GOFLAGS".AsSpan()));
        model.Release();
    }

    [Fact]
    public void A_stage_starts_in_the_root_and_keeps_an_unknown_workdir_and_its_tables_in_later_states()
    {
        const string Text = "FROM golang AS build\nWORKDIR $UNKNOWN\nENV E=1\nUSER u\nFROM build\nARG A=2\nRUN true\nFROM alpine\n";
        var model = BuildModel.Create(DockerfileParser.Parse(Text), default);
        var facts = model.Instructions;

        Assert.Equal("/", facts[1].State.Workdir);
        Assert.Null(facts[2].State.Workdir);
        Assert.Null(facts[3].State.Workdir);
        Assert.Equal("1", facts[3].State.Env["E"]);
        var inherited = facts[4].State;
        Assert.Null(inherited.Workdir);
        Assert.Equal("u", inherited.User);
        Assert.Equal("1", inherited.Env["E"]);
        Assert.Empty(facts[5].State.Args);
        Assert.Equal("2", facts[6].State.Args["A"]);
        Assert.Equal("1", facts[6].State.Env["E"]);
        var fresh = facts[7].State;
        Assert.Equal("/", fresh.Workdir);
        Assert.Empty(fresh.Env);
        Assert.Empty(fresh.Args);
        Assert.Empty(fresh.GoEnvFile);
        Assert.Null(fresh.User);
        model.Release();
    }

    [Fact]
    public void Each_pair_sees_the_pairs_before_it_and_earlier_states_keep_their_own_tables()
    {
        // A state's later pairs replace the table its earlier ones set, in the model's tables; the state before keeps its own.
        const string Text = "FROM golang\nENV A=1\nENV B=$A C=${B}2\nARG D=$C E\nARG F=3\nUSER u\nRUN true\n";
        var model = BuildModel.Create(DockerfileParser.Parse(Text), default);
        try
        {
            var facts = model.Instructions;
            string Describe(int index, IReadOnlyDictionary<string, string?> table) =>
                $"{index}: " + string.Join(",", table.Select(pair => $"{pair.Key}={pair.Value ?? "?"}"));
            Assert.Equal(
                new[] { "2: A=1", "3: A=1,B=1,C=12", "4: A=1,B=1,C=12", "5: A=1,B=1,C=12", "6: A=1,B=1,C=12" },
                Enumerable.Range(2, 5).Select(i => Describe(i, facts[i].State.Env)).ToArray());
            Assert.Equal(
                new[] { "3: ", "4: D=12,E=?", "5: D=12,E=?,F=3", "6: D=12,E=?,F=3" },
                Enumerable.Range(3, 4).Select(i => Describe(i, facts[i].State.Args)).ToArray());
            Assert.Equal((null, "u"), (facts[5].State.User, facts[6].State.User));
        }
        finally
        {
            model.Release();
        }
    }

    [Fact]
    public void Workdirs_kept_where_they_lie_or_resolved_are_the_paths_they_name_for_states_and_mounts()
    {
        const string Text = "FROM golang\nARG D=/v\nWORKDIR /src/app\nRUN true\nWORKDIR sub\nRUN true\nWORKDIR /sp\\\nlit\nRUN true\n"
            + "WORKDIR $D/x\nRUN true\nWORKDIR /a/../b\nRUN --mount=type=cache,target=c true\nWORKDIR /m\nRUN --mount=type=cache,target=rel/x --mount=type=cache,target=/abs true\n";
        var model = BuildModel.Create(DockerfileParser.Parse(Text), default);
        try
        {
            var facts = model.Instructions;
            Assert.Equal(
                new[] { "/src/app", "/src/app/sub", "/split", "/v/x", "/b", "/m" },
                model.RunIndexes.Select(index => facts[index].State.Workdir).ToArray());
            Assert.Equal("/b/c", facts[model.RunIndexes[4]].Mounts.AsSpan()[0].Target);
            var mounts = facts[model.RunIndexes[5]].Mounts.AsSpan();
            Assert.Equal(("/m/rel/x", "/abs"), (mounts[0].Target, mounts[1].Target));
        }
        finally
        {
            model.Release();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(700)]
    public void Models_of_files_of_any_size_hold_every_instruction_and_state(int stages)
    {
        // Each stage: FROM, ARG, ENV, WORKDIR, RUN (go env -w makes a state too), COPY.
        var text = string.Concat(Enumerable.Range(0, stages).Select(i =>
            $"FROM golang:1.23 AS s{i}\nARG A{i}=a\nENV E{i}=$A{i}\nWORKDIR /w{i}\nRUN go env -w GOFLAGS=-x{i}\nCOPY x /x\n"));
        for (var round = 0; round < 2; round++)
        {
            var model = BuildModel.Create(DockerfileParser.Parse(text), default);

            Assert.Equal(6 * stages, model.Instructions.Count);
            var last = model.Instructions[model.Instructions.Count - 1].State;
            Assert.Equal(stages - 1, last.StageIndex);
            Assert.Equal("a", last.Env[$"E{stages - 1}"]);
            Assert.Equal($"/w{stages - 1}", last.Workdir);
            Assert.Equal($"-x{stages - 1}", last.GoEnvFile["GOFLAGS"]);
            model.Release();
        }
    }

    [Fact]
    public void The_indexes_by_kind_are_those_of_the_instructions_that_act_as_that_kind()
    {
        const string Text = "ARG BASE=golang\nFROM $BASE AS build\nENV A=1\nCOPY go.mod .\nRUN go mod download\nONBUILD RUN go build\n"
            + "ONBUILD COPY . .\nADD x /x\nONBUILD ARG B\nFROM alpine\nCOPY --from=build /out /out\nRUN echo hi\nUSER nobody\n";
        for (var round = 0; round < 2; round++)
        {
            var model = BuildModel.Create(DockerfileParser.Parse(Text), default);
            var facts = model.Instructions;

            Assert.Equal(IndexesOf(facts, InstructionKind.Run), model.RunIndexes);
            Assert.Equal(IndexesOf(facts, InstructionKind.Copy, InstructionKind.Add), model.CopyIndexes);
            Assert.Equal(IndexesOf(facts, InstructionKind.Arg, InstructionKind.Env), model.ArgAndEnvIndexes);
            Assert.Equal(new[] { 4, 5, 11 }, model.RunIndexes);
            model.Release();
        }
    }

    private static int[] IndexesOf(FactList facts, params InstructionKind[] kinds) =>
        Enumerable.Range(0, facts.Count).Where(i => kinds.Contains(facts[i].EffectiveKind)).ToArray();

    // A FROM's facts hold the state of the stage it starts.
    private static StageState StateAfter(BuildModel model, int fromIndex) => model.Instructions[fromIndex].State;
}
