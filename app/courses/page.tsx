import type { Metadata } from "next";
import { CatalogPage } from "@/components/catalog/catalog-page";

export const metadata: Metadata = { title: "Courses" };

export default function CoursesPage() {
  return <CatalogPage />;
}
