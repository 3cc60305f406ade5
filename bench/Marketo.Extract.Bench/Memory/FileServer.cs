namespace Marketo.Extract.Bench.Memory;

internal static class FileServer
{
    public static Task<int> RunAsync(BenchArguments arguments) => throw new NotSupportedException(arguments.ToString());
}
