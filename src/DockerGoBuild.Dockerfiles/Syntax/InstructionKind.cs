namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>The Dockerfile instructions BuildKit knows; anything else is <see cref="Unknown"/>.</summary>
public enum InstructionKind
{
    Unknown,
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    StopSignal,
    User,
    Volume,
    Workdir,
}
