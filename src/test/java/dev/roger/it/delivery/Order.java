package dev.roger.it.delivery;

import java.util.List;

/** POJO arguments. */
public class Order {
    private String number;
    private List<String> items;

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number;
    }

    public List<String> getItems() {
        return items;
    }

    public void setItems(List<String> items) {
        this.items = items;
    }
}
