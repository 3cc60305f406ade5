namespace Marketo.Extract.Cli.Configuration;

/// <summary>A configuration value and where it came from, so an error can name the place to fix it.</summary>
/// <param name="Text">The value as text; JSON numbers keep their literal form.</param>
/// <param name="Origin">Where the value was set, for example <c>environment variable MARKETO_START_DATE</c>.</param>
internal sealed record ConfigValue(string Text, string Origin);
