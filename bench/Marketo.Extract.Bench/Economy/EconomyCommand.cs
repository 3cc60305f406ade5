namespace Marketo.Extract.Bench.Economy;

internal static class EconomyCommand
{
    public static Task<int> RunAsync(BenchArguments arguments) => throw new NotSupportedException(arguments.ToString());
}
