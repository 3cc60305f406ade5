using Marketo.Extract.Emulator;

namespace Marketo.Extract.Testing.Tests;

public sealed class EmulatorArgumentsTests
{
    [Test]
    public void Parse_NewOptions_SetEmulatorOptions()
    {
        var arguments = EmulatorArguments.Parse(
        [
            "--token-lifetime-seconds", "120", "--no-updated-at-filter", "--daily-call-quota", "500",
            "--daily-export-quota-mb", "2", "--allow-access-token-query", "--missing-token-code", "601",
        ]);

        var options = arguments.Options;
        Assert.That(options.TokenLifetime, Is.EqualTo(TimeSpan.FromSeconds(120)));
        Assert.That(options.SupportsUpdatedAtFilter, Is.False);
        Assert.That(options.DailyCallQuota, Is.EqualTo(500));
        Assert.That(options.DailyExportQuotaBytes, Is.EqualTo(2L * 1024 * 1024));
        Assert.That(options.RejectAccessTokenQueryParameter, Is.False);
        Assert.That(options.MissingTokenErrorCode, Is.EqualTo(601));
    }

    [Test]
    public void Parse_NoOptions_Defaults()
    {
        var options = EmulatorArguments.Parse([]).Options;

        Assert.That(options.TokenLifetime, Is.EqualTo(TimeSpan.FromSeconds(3600)));
        Assert.That(options.SupportsUpdatedAtFilter, Is.True);
        Assert.That(options.RejectAccessTokenQueryParameter, Is.True);
        Assert.That(options.MissingTokenErrorCode, Is.EqualTo(600));
    }

    [TestCase("--token-lifetime-seconds", "0")]
    [TestCase("--token-lifetime-seconds", "soon")]
    [TestCase("--daily-call-quota", "0")]
    [TestCase("--daily-call-quota", "99999999999")]
    [TestCase("--daily-export-quota-mb", "-1")]
    [TestCase("--daily-export-quota-mb", "2000000")]
    [TestCase("--missing-token-code", "602")]
    [TestCase("--daily-call-quota", null)]
    public void Parse_BadValue_OneLineNamingOption(string name, string? value)
    {
        string[] args = value is null ? [name] : [name, value];

        var error = Assert.Throws<FormatException>(() => EmulatorArguments.Parse(args))!;

        Assert.That(error.Message, Does.StartWith(name));
        Assert.That(error.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void Describe_PrintsEverySwitch()
    {
        var arguments = EmulatorArguments.Parse(["--no-updated-at-filter", "--allow-access-token-query", "--daily-export-quota-mb", "7"]);

        var lines = arguments.Describe().ToList();

        Assert.That(lines, Has.Some.Contains("3600 s"));
        Assert.That(lines, Has.Some.Contains("error 600"));
        Assert.That(lines, Has.Some.Contains("query parameter accepted"));
        Assert.That(lines, Has.Some.Contains("unsupported (1035)"));
        Assert.That(lines, Has.Some.Contains("50000 calls a day"));
        Assert.That(lines, Has.Some.Contains("7 MB a day"));
    }
}
