namespace Marketo.Extract.Cli;

/// <summary>Runs <c>marketo-extract check</c>: one cheap call (the activity types) proves the URL and credentials.</summary>
internal static class CheckCommand
{
    public static async Task<int> RunAsync(CliHost host, CommonArguments arguments, CancellationToken cancellationToken)
    {
        await using var session = await MarketoSession.OpenAsync(host, arguments, cancellationToken);
        session.WriteEmulatorNotice("checking");
        var types = await session.Client.GetActivityTypesAsync(cancellationToken);
        host.Out.WriteLine(
            $"OK: connected to {session.Settings.DomainUrl} as client id {session.Settings.ClientId} " +
            $"({types.Count} activity types).");
        return ExitCodes.Success;
    }
}
