namespace Marketo.Extract.Models;

/// <summary>One page of a paged Marketo read.</summary>
/// <typeparam name="T">The type of the items.</typeparam>
/// <param name="Values">The items of the page, possibly none.</param>
/// <param name="ContinuationToken">The token that reads the next page, or <see langword="null"/> on the last page.</param>
public sealed record MarketoPage<T>(IReadOnlyList<T> Values, string? ContinuationToken);
