var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var orders = new List<Order> { new(1, "coffee", 2), new(2, "tea", 1) };

app.MapGet("/orders", () => orders);
app.MapGet("/orders/{id:int}", (int id) => orders.FirstOrDefault(o => o.Id == id) is { } order ? Results.Ok(order) : Results.NotFound());

app.Run();

public sealed record Order(int Id, string Item, int Quantity);
