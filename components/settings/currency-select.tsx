"use client";

import type { ComponentPropsWithoutRef } from "react";
import { selectClass } from "@/components/ui/select";
import { useBrowserValue } from "./use-browser-value";

interface Currency {
  code: string;
  label: string;
}

let cachedCurrencies: Currency[] | null = null;
const noCurrencies: Currency[] = [];

function currencyLabel(code: string, names: Intl.DisplayNames | null): string {
  const name = names?.of(code);
  return name && name !== code ? `${code} — ${name}` : code;
}

const displayNames = () => (typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en"], { type: "currency" }) : null);

/** The browser's ISO 4217 codes with their English names ("EUR — Euro"), computed once. */
function currencies(): Currency[] {
  if (cachedCurrencies) return cachedCurrencies;
  const codes = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("currency") : [];
  const names = displayNames();
  cachedCurrencies = codes.map((code) => ({ code, label: currencyLabel(code, names) }));
  return cachedCurrencies;
}

type Props = Omit<ComponentPropsWithoutRef<"select">, "children" | "value" | "onChange"> & { value: string; onChange: (currency: string) => void };

/** A native select of ISO 4217 currencies, "EUR — Euro" (label it with <label htmlFor={id}>); the full list appears after hydration. */
export function CurrencySelect({ value, onChange, className = "", ...props }: Props) {
  const options = useBrowserValue(currencies, noCurrencies);
  const listed = options.some((currency) => currency.code === value);
  return (
    <select {...props} value={value} onChange={(event) => onChange(event.target.value)} className={`${selectClass} mt-1 block w-full py-2 ${className}`}>
      {!listed && <option value={value}>{value}</option>}
      {options.map((currency) => (
        <option key={currency.code} value={currency.code}>
          {currency.label}
        </option>
      ))}
    </select>
  );
}
