using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Bench.Memory;

/// <summary>
/// Serves one export file from disk as a completed bulk lead export, in a process of its own so that its memory
/// is not counted: the identity endpoint, the job status with the file's size and SHA-256, and the file with Range.
/// </summary>
/// <remarks>
/// Prints <c>listening http://127.0.0.1:PORT</c> once it accepts requests, and stops when its standard input closes.
/// </remarks>
internal static class FileServer
{
    public const string ExportId = "0f6c1b9e-6d5c-4bd3-9f0e-3a7d2f2b5c10";

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var path = arguments.Positional.FirstOrDefault()
            ?? throw new FormatException("serve needs the path of the file to serve.");
        var records = arguments.GetInt32("records", 0);
        var (size, checksum) = await DescribeAsync(path);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Run(context => HandleAsync(context, path, size, checksum, records));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"listening {address}");
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    private static async Task<(long Size, string Checksum)> DescribeAsync(string path)
    {
        await using var file = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(file);
        return (file.Length, "sha256:" + Convert.ToHexStringLower(hash));
    }

    private static Task HandleAsync(HttpContext context, string path, long size, string checksum, int records)
    {
        var request = context.Request.Path.Value ?? string.Empty;
        if (request.StartsWith("/identity/oauth/token", StringComparison.Ordinal))
        {
            return context.Response.WriteAsJsonAsync(new
            {
                access_token = "bench-token:fs",
                token_type = "bearer",
                expires_in = 3600,
                scope = "bench@example.com",
            });
        }

        if (request == $"/bulk/v1/leads/export/{ExportId}/status.json")
        {
            return context.Response.WriteAsync(StatusJson(size, checksum, records));
        }

        if (request == $"/bulk/v1/leads/export/{ExportId}/file.json")
        {
            return Results.File(path, "text/csv; charset=UTF-8", enableRangeProcessing: true).ExecuteAsync(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static string StatusJson(long size, string checksum, int records) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""
        {"requestId":"1#1","success":true,"result":[{"exportId":"{{ExportId}}","format":"CSV","status":"Completed",
        "createdAt":"2024-01-01T00:00:00Z","queuedAt":"2024-01-01T00:00:01Z","startedAt":"2024-01-01T00:00:02Z",
        "finishedAt":"2024-01-01T00:10:00Z","numberOfRecords":{{records}},"fileSize":{{size}},"fileChecksum":"{{checksum}}"}]}
        """);
}
