export interface Record1 {
  id: string;
}
